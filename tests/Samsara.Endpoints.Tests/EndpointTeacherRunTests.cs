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
            await GenerationStage.RunShardAsync(remote, remoteRun, shard);
            await GenerationStage.RunShardAsync(local, localRun, shard);
        }

        // Greedy decoding of the same weights: the served teacher's shards are the local teacher's, line for line.
        for (var shard = 0; shard < 2; shard++)
            Assert.Equal(File.ReadAllText(localRun.GenerationShard(shard)), File.ReadAllText(remoteRun.GenerationShard(shard)));
        var lines = File.ReadAllLines(GenerationStage.Join(remote, remoteRun)).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["w1", "m1", "c1"], lines.Select(l => l["id"]!.GetValue<string>()));
        Assert.All(lines, l => Assert.Equal(2, l["responses"]!.AsArray().Count));
        // The shards' endpoint usage is the run's (where its report reads it), under the served teacher's name:
        // two queries × two constitutions, then one × two; the local teacher's run records none.
        var teacher = GenerationStage.EndpointOptionsOf(remote.Spec.Teacher.Endpoint!).Name;
        var usage = Assert.Single(RunUsage.Total(remoteRun.Directory));
        Assert.Equal(teacher, usage.Key);
        Assert.Equal(6, usage.Value.Requests);
        Assert.True(usage.Value.CompletionTokens > 0);
        Assert.Empty(RunUsage.Total(localRun.Directory));
        Assert.False(File.Exists(remoteRun.GenerationShard(0) + ".usage.json"));

        // A rerun of a finished shard asks the endpoint nothing and records nothing.
        await GenerationStage.RunShardAsync(remote, remoteRun, 0);
        Assert.Equal(6, RunUsage.Total(remoteRun.Directory)[teacher].Requests);

        // A shard cut short and resumed: the resumed invocation pays only for the prompt left, and the run's total
        // counts both invocations.
        var shard0 = File.ReadAllLines(remoteRun.GenerationShard(0));
        File.WriteAllLines(remoteRun.GenerationShard(0), shard0[..1]);
        await GenerationStage.RunShardAsync(remote, remoteRun, 0);
        Assert.Equal(shard0, File.ReadAllLines(remoteRun.GenerationShard(0)));
        Assert.Equal(8, RunUsage.Total(remoteRun.Directory)[teacher].Requests);
    }
}
