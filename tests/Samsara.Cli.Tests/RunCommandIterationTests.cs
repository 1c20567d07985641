using Samsara.Testing;

namespace Samsara.Cli.Tests;

/// <summary>`samsara run` with iterated SAMI in the all-in-one host: every iteration, each in its own folders, one evaluation.</summary>
public sealed class RunCommandIterationTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("samsara-run-iter-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Iterated_sami_runs_each_iteration_and_completes()
    {
        TinyModels.Create(Path.Combine(dir, "model"), TinyModels.Config(layers: 1, context: 2048));
        File.WriteAllLines(Path.Combine(dir, "prompts.jsonl"),
        [
            """{"id": "w1", "category": "writing", "prompt": "Write a haiku about rain."}""",
            """{"id": "m1", "category": "math", "prompt": "What is 12 times 7?"}""",
        ]);
        File.WriteAllLines(Path.Combine(dir, "eval.jsonl"), MathQuestions.Lines);
        var spec = Path.Combine(dir, "spec.yaml");
        File.WriteAllText(spec, """
            name: iterated
            seed: 5
            teacher: { path: model }
            student: { path: model }
            train_prompts: { path: prompts.jsonl }
            eval_prompts: { path: eval.jsonl }
            constitutions: { principles: default, per_prompt: 4 }
            generation: { temperature: 1.0, max_new_tokens: 16, shard_size: 2 }
            # A random model writes noise: keep what is non-empty so the later stages have data.
            filter: { disabled_rules: [termination, banned, length_ratio, short_length, prefix_distance] }
            training:
              - { algorithm: SAMI, learning_rate: 1e-3, steps: 1, batch_queries: 2, micro_batch: 2, iterations: 3 }
            evaluation: { samples: 1, k: [1] }
            """);
        var artifacts = Path.Combine(dir, "artifacts");

        var run = SamsaraProcess.Run("run", spec, "--artifacts", artifacts);

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Contains("run iterated: completed", run.Stdout);
        var runDir = Directory.GetDirectories(Path.Combine(artifacts, "runs")).Single();
        foreach (var path in new[] { "iter-1/sami/models/sami/model.safetensors", "iter-2/sami/generate/shard-0000.jsonl",
                                     "iter-2/sami/models/sami/model.safetensors", "iter-3/sami/datasets/sami.jsonl",
                                     "models/sami/model.safetensors", "eval/report.json" })
            Assert.True(File.Exists(Path.Combine(runDir, path)), path);
        Assert.False(Directory.Exists(Path.Combine(runDir, "iter-3/sami/models")), "the last iteration's model is the run's models/sami");
    }
}
