using Samsara.Api.V1;
using Samsara.Testing;

namespace Samsara.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The inputs of the distributed runs, in the artifact store: one tiny model (teacher and student), train prompts,
/// GSM8K-format eval questions; and specs over them. A random model writes noise, so the filter keeps anything non-empty.
/// </summary>
public static class TinyPipeline
{
    public const string Model = "models/tiny";

    /// <summary>Writes the model and <paramref name="prompts"/> train prompts (data/train-N.jsonl) under <paramref name="artifacts"/>.</summary>
    public static void WriteInputs(string artifacts)
    {
        TinyModels.Create(Path.Combine(artifacts, Model), TinyModels.Config(layers: 1, context: 2048));
        Directory.CreateDirectory(Path.Combine(artifacts, "data"));
        File.WriteAllLines(Path.Combine(artifacts, "data", "eval.jsonl"), MathQuestions.Lines);
    }

    /// <summary>
    /// A run of <paramref name="prompts"/> prompts in shards of <paramref name="shardSize"/>, the given trainings, and
    /// pass@1 on one eval question.
    /// </summary>
    public static RunSpec Spec(string artifacts, int prompts, int shardSize, params TrainingSpec[] training)
    {
        var file = $"data/train-{prompts}.jsonl";
        var path = Path.Combine(artifacts, file);
        if (!File.Exists(path))
        {
            string[] categories = ["writing", "math", "coding"];
            Engine.AtomicFile.WriteAllText(path, string.Concat(Enumerable.Range(0, prompts).Select(i =>
                $$"""{"id": "q{{i}}", "category": "{{categories[i % 3]}}", "prompt": "Write sentence number {{i}} about rain."}""" + "\n")));
        }
        return new RunSpec
        {
            Name = "e2e",
            Seed = 3,
            Teacher = new ModelRef { Path = Model },
            Student = new ModelRef { Path = Model },
            TrainPrompts = new PromptSet { Path = file },
            EvalPrompts = new PromptSet { Path = "data/eval.jsonl", Limit = 1 },
            Constitutions = new ConstitutionSpec { Principles = "default", PerPrompt = 4 },
            Generation = new GenerationSettings { Temperature = 1.0, MaxNewTokens = 24, ShardSize = (uint)shardSize },
            Filter = new FilterSettings { DisabledRules = { "termination", "banned", "length_ratio", "short_length", "prefix_distance" } },
            Training = { training },
            Evaluation = new EvaluationSpec { Samples = 1, K = { 1 }, Temperature = 1.0 },
        };
    }

    /// <summary>SFT for <paramref name="steps"/> steps of one example each.</summary>
    public static TrainingSpec Sft(int steps) => new() { Algorithm = Algorithm.Sft, LearningRate = 1e-4, Steps = (uint)steps, BatchQueries = 1, MicroBatch = 1 };
}
