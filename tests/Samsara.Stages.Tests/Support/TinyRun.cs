using Google.Protobuf;
using Samsara.Api.V1;
using Samsara.Artifacts;
using Samsara.Testing;

namespace Samsara.Stages.Tests.Support;

/// <summary>
/// A run on a tiny random model: three prompts in two shards, two GSM8K-format eval questions, and its spec stored where the
/// gateway puts it (<c>runs/{id}/spec.json</c>, protobuf JSON). A random model writes noise, so the filter keeps
/// anything non-empty (as in the CLI's run tests).
/// </summary>
internal sealed class TinyRun : IDisposable
{
    public TinyRun()
    {
        Model = TinyModels.Create(Path.Combine(Directory, "model"), TinyModels.Config(layers: 1, context: 2048));
        File.WriteAllLines(Path.Combine(Directory, "prompts.jsonl"),
        [
            """{"id": "w1", "category": "writing", "prompt": "Write a haiku about rain."}""",
            """{"id": "m1", "category": "math", "prompt": "What is 12 times 7?"}""",
            """{"id": "c1", "category": "coding", "prompt": "Reverse a string in Python."}""",
        ]);
        File.WriteAllLines(Path.Combine(Directory, "eval.jsonl"), MathQuestions.Lines);
    }

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("samsara-stages-").FullName;

    public string Artifacts => Path.Combine(Directory, "artifacts");

    public string Model { get; }

    public RunSpec Spec(params TrainingSpec[] training) => new()
    {
        Name = "tiny",
        Seed = 3,
        Teacher = new ModelRef { Path = Model },
        Student = new ModelRef { Path = Model },
        TrainPrompts = new PromptSet { Path = Path.Combine(Directory, "prompts.jsonl") },
        EvalPrompts = new PromptSet { Path = Path.Combine(Directory, "eval.jsonl") },
        Constitutions = new ConstitutionSpec { Principles = "default", PerPrompt = 4 },
        Generation = new GenerationSettings { Temperature = 1.0, MaxNewTokens = 24, ShardSize = 2 },
        Filter = new FilterSettings { DisabledRules = { "termination", "banned", "length_ratio", "short_length", "prefix_distance" } },
        Training = { training },
        Evaluation = new EvaluationSpec { Samples = 2, K = { 1, 2 }, Temperature = 1.0 },
    };

    /// <summary>
    /// A spec whose one generation shard holds <paramref name="prompts"/> prompts: long enough to cancel while it is
    /// being generated (two prompts are generated at a time).
    /// </summary>
    public RunSpec LongGenerationSpec(int prompts)
    {
        var path = Path.Combine(Directory, $"prompts-{prompts}.jsonl");
        File.WriteAllLines(path, Enumerable.Range(0, prompts).Select(i => $$"""{"id": "p{{i}}", "category": "writing", "prompt": "Write line {{i}} of a poem."}"""));
        var spec = Spec(new TrainingSpec { Algorithm = Algorithm.Sft, Steps = 1, BatchQueries = 1, MicroBatch = 1 });
        spec.TrainPrompts.Path = path;
        spec.Generation.ShardSize = (uint)prompts;
        return spec;
    }

    /// <summary>Stores <paramref name="spec"/> for a new run and returns the run's id.</summary>
    public Guid Store(RunSpec spec) => StoreText(JsonFormatter.Default.Format(spec));

    /// <summary>Stores <paramref name="json"/> as a new run's spec, as is.</summary>
    public Guid StoreText(string json)
    {
        var runId = Guid.NewGuid();
        var path = new RunWorkspace(Artifacts, runId).Spec;
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
        return runId;
    }

    public string RunFile(Guid runId, string relative) => Path.Combine(Artifacts, "runs", runId.ToString("D"), relative);

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
            System.IO.Directory.Delete(Directory, recursive: true);
    }
}
