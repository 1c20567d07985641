using System.Text.Json.Nodes;
using Google.Protobuf;
using Samsara.Api.Runs;
using Samsara.Api.V1;
using Samsara.Contracts;

namespace Samsara.Bench.JudgeScale;

/// <summary>
/// A run's workspace as the judge phase of its evaluation finds it: the spec (the repository's tiny models and task
/// world, judged by the delayed endpoint under the "both orders" protocol) and two models' answers to the same
/// items, written as the answer tasks would have. Its judge batches are the tasks the benchmark sends.
/// </summary>
internal sealed class ScaleWorkspace
{
    public static readonly PaperComparison Comparison = new("1", "sftsami", "sft");

    private ScaleWorkspace(string artifacts, Guid runId)
    {
        Artifacts = artifacts;
        RunId = runId;
    }

    public string Artifacts { get; }

    public Guid RunId { get; }

    public string RunDirectory => Path.Combine(Artifacts, "runs", RunId.ToString("D"));

    public static ScaleWorkspace Create(string artifacts, Uri endpoint, int items)
    {
        var workspace = new ScaleWorkspace(artifacts, Guid.NewGuid());
        var repo = PeerRun.FindRepoRoot();
        string Repo(string path) => Path.Combine(repo, path);
        var spec = new RunSpec
        {
            Name = "judge-scale",
            Seed = 1,
            Teacher = new ModelRef { Path = Repo("models/tiny-teacher") },
            Student = new ModelRef { Path = Repo("models/tiny-student"), Device = "cpu" },
            TrainPrompts = new PromptSet { Path = Repo("examples/task-world/train-prompts.jsonl") },
            EvalPrompts = new PromptSet { Path = Repo("examples/task-world/heldout-prompts.jsonl") },
            Constitutions = new ConstitutionSpec { Principles = Repo("examples/task-world/principles.json"), PerPrompt = 4 },
            Generation = new GenerationSettings { MaxNewTokens = 128, ShardSize = 16 },
            Training = { new TrainingSpec { Algorithm = Algorithm.Sft, LearningRate = 1e-3, Steps = 1, BatchQueries = 1, MicroBatch = 1 } },
            Evaluation = new EvaluationSpec { Judges = { $"openai:{endpoint}#{DelayedJudgeEndpoint.Model}" }, Protocol = "both" },
        };
        Directory.CreateDirectory(workspace.RunDirectory);
        File.WriteAllText(Path.Combine(workspace.RunDirectory, "spec.json"), JsonFormatter.Default.Format(spec));
        workspace.WriteAnswers(Comparison.ModelA, items, i => $"Step 1: take {i}.\nStep 2: double it.\nAnswer: {2 * i}");
        workspace.WriteAnswers(Comparison.ModelB, items, i => $"{2 * i}");
        return workspace;
    }

    /// <summary>The judge batches of the comparison under the spec's judge, as the RunActor sends them.</summary>
    public IReadOnlyList<EvaluationTask> Tasks(int items, int batchItems)
    {
        var batches = EvaluationTasks.BatchesOf(items, batchItems);
        return [.. Enumerable.Range(0, batches).Select(b => new EvaluationTask
        {
            RunId = RunId,
            EventId = EventIds.For(RunId, $"evaluation-task/{EvaluationTasks.JudgeBatchId(Comparison, 0, b)}"),
            OccurredAt = DateTimeOffset.UtcNow,
            Task = new EvaluationTaskSpec
            {
                Id = EvaluationTasks.JudgeBatchId(Comparison, 0, b), Kind = EvaluationTaskKind.JudgeBatch, Experiment = Comparison.Experiment,
                ModelA = Comparison.ModelA, ModelB = Comparison.ModelB, Judge = 0, Batch = b, BatchSize = batchItems, Ordinal = b, Of = batches,
            },
        })];
    }

    /// <summary>Judge batches done: their markers in eval/tasks/.</summary>
    public int BatchesDone(int batches) =>
        Enumerable.Range(0, batches).Count(b => File.Exists(Path.Combine(RunDirectory, "eval", "tasks", EvaluationTasks.JudgeBatchId(Comparison, 0, b) + ".json")));

    /// <summary>The judgements the batches wrote, and how many distinct items they cover.</summary>
    public (int Judgements, int Items) Judged(int batches)
    {
        var ids = Enumerable.Range(0, batches)
            .SelectMany(b => File.ReadLines(Path.Combine(RunDirectory, "eval", "tasks", EvaluationTasks.JudgeBatchId(Comparison, 0, b) + ".jsonl")))
            .Select(l => JsonNode.Parse(l)!["id"]!.GetValue<string>()).ToList();
        return (ids.Count, ids.Distinct().Count());
    }

    private void WriteAnswers(string model, int items, Func<int, string> response)
    {
        var directory = Path.Combine(RunDirectory, "eval", model);
        Directory.CreateDirectory(directory);
        string[] categories = ["math", "facts", "lists"];
        File.WriteAllText(Path.Combine(directory, "responses.jsonl"), string.Concat(Enumerable.Range(0, items).Select(i => new JsonObject
        {
            ["id"] = $"q{i}", ["category"] = categories[i % 3], ["prompt"] = $"What is {i} doubled?",
            ["constitution"] = "1. Show your steps.\n2. End with the answer.", ["response"] = response(i),
        }.ToJsonString() + "\n")));
    }
}
