using System.Text.Json.Nodes;
using Samsara.Api.V1;
using Samsara.Artifacts;
using Samsara.Stages;
using Samsara.Stages.Plan;
using Samsara.Stages.Generation;
using Samsara.Testing;

namespace Samsara.Endpoints.Tests;

/// <summary>A run whose teacher is an endpoint (spec teacher.endpoint) generating through samsara serve, checked against the same model run locally.</summary>
public sealed class EndpointTeacherRunTests
{
    [Fact]
    public async Task The_generation_stage_writes_through_a_served_teacher_what_the_local_teacher_writes()
    {
        await using var served = await ServedModel.StartAsync();
        using var dir = new TempDirectory();
        File.WriteAllLines(dir.File("prompts.jsonl"),
        [
            """{"id": "w1", "category": "writing", "prompt": "Write a haiku about rain."}""",
            """{"id": "m1", "category": "math", "prompt": "What is 12 times 7?"}""",
            """{"id": "c1", "category": "coding", "prompt": "Reverse a string in Python."}""",
        ]);
        RunPlan Plan(ModelRef teacher) => RunPlan.Resolve(new RunSpec
        {
            Name = "served-teacher",
            Seed = 3,
            Teacher = teacher,
            Student = new ModelRef { Path = served.ModelPath },
            TrainPrompts = new PromptSet { Path = dir.File("prompts.jsonl") },
            Constitutions = new ConstitutionSpec { Principles = "default", PerPrompt = 2 },
            Generation = new GenerationSettings { Temperature = 0, MaxNewTokens = 12, ShardSize = 2 },
        });
        var remote = Plan(new ModelRef { Endpoint = new EndpointRef { BaseUrl = served.BaseUrl.ToString(), Model = ServedModel.Name, Concurrency = 3 } });
        var local = Plan(new ModelRef { Path = served.ModelPath });
        var remoteRun = new RunWorkspace(dir.File("remote"), "r");
        var localRun = new RunWorkspace(dir.File("local"), "l");

        Assert.Equal(2, GenerationStage.ShardCount(remote));
        for (var shard = 0; shard < 2; shard++)
        {
            GenerationStage.RunShard(remote, remoteRun, shard);
            GenerationStage.RunShard(local, localRun, shard);
        }

        // Greedy decoding of the same weights: the served teacher's shards are the local teacher's, line for line.
        for (var shard = 0; shard < 2; shard++)
            Assert.Equal(File.ReadAllText(localRun.GenerationShard(shard)), File.ReadAllText(remoteRun.GenerationShard(shard)));
        var lines = File.ReadAllLines(GenerationStage.Join(remote, remoteRun)).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["w1", "m1", "c1"], lines.Select(l => l["id"]!.GetValue<string>()));
        Assert.All(lines, l => Assert.Equal(2, l["responses"]!.AsArray().Count));
        // Each shard's endpoint usage sits beside it: two queries × two constitutions, then one × two.
        Assert.Equal(4, JsonNode.Parse(File.ReadAllText(remoteRun.GenerationShard(0) + ".usage.json"))!["requests"]!.GetValue<long>());
        Assert.Equal(2, JsonNode.Parse(File.ReadAllText(remoteRun.GenerationShard(1) + ".usage.json"))!["requests"]!.GetValue<long>());
        Assert.False(File.Exists(localRun.GenerationShard(0) + ".usage.json"));

        // A rerun of a finished shard asks the endpoint nothing: its ledger stays as it was.
        GenerationStage.RunShard(remote, remoteRun, 0);
        Assert.Equal(4, JsonNode.Parse(File.ReadAllText(remoteRun.GenerationShard(0) + ".usage.json"))!["requests"]!.GetValue<long>());
    }
}
