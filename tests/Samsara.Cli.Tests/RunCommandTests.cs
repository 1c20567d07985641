using Samsara.Testing;

namespace Samsara.Cli.Tests;

/// <summary>`samsara run SPEC` end to end on tiny models: every stage, the artifacts, a resumed rerun, a bad spec.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("samsara-run-").FullName;

    public RunCommandTests()
    {
        TinyModels.Create(Path.Combine(dir, "model"), TinyModels.Config(layers: 1, context: 2048));
        File.WriteAllLines(Path.Combine(dir, "prompts.jsonl"),
        [
            """{"id": "w1", "category": "writing", "prompt": "Write a haiku about rain."}""",
            """{"id": "m1", "category": "math", "prompt": "What is 12 times 7?"}""",
            """{"id": "c1", "category": "coding", "prompt": "Reverse a string in Python."}""",
        ]);
        File.WriteAllLines(Path.Combine(dir, "eval.jsonl"), MathQuestions.Lines);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Spec(string training) =>
        File.WriteAllTextAsync(Path.Combine(dir, "spec.yaml"), $$"""
            name: smoke
            seed: 3
            teacher: { path: model }
            student: { path: model }
            train_prompts: { path: prompts.jsonl }
            eval_prompts: { path: eval.jsonl }
            constitutions: { principles: default, per_prompt: 4 }
            generation: { temperature: 1.0, max_new_tokens: 24, shard_size: 2 }
            # A random model writes noise: keep what is non-empty so the later stages have data.
            filter: { disabled_rules: [termination, banned, length_ratio, short_length, prefix_distance] }
            training:
            {{training}}
            evaluation: { samples: 2, k: [1, 2], temperature: 1.0 }
            """).ContinueWith(_ => Path.Combine(dir, "spec.yaml")).Result;

    [Fact]
    public void A_run_goes_through_every_stage_and_a_rerun_resumes_it()
    {
        var spec = Spec("""
              - { algorithm: SFT, learning_rate: 1e-4, steps: 2, batch_queries: 2, micro_batch: 1 }
              - { algorithm: DPO, steps: 1, batch_queries: 2, micro_batch: 2 }
              - { algorithm: SFT_SAMI, steps: 1, batch_queries: 1, micro_batch: 1 }
            """);
        var artifacts = Path.Combine(dir, "artifacts");
        var run = SamsaraProcess.Run("run", spec, "--artifacts", artifacts);
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Contains("run smoke: completed", run.Stdout);
        var states = new[] { "generating", "filtering", "training", "evaluating", "completed" };
        var positions = states.Select(state => run.Stderr.IndexOf($"run smoke: {state}", StringComparison.Ordinal)).ToArray();
        Assert.All(positions, p => Assert.True(p >= 0, run.Stderr));
        Assert.Equal(positions.Order(), positions);                      // in that order, through the gateway's WatchRun
        var runDir = Directory.GetDirectories(Path.Combine(artifacts, "runs")).Single();
        foreach (var path in new[] { "spec.json", "generate/shard-0000.jsonl", "generate/shard-0001.jsonl", "filter/kept.jsonl",
                                     "datasets/sami.jsonl", "models/sft/model.safetensors", "models/dpo/model.safetensors",
                                     "models/sftsami/model.safetensors", "eval/report.json" })
            Assert.True(File.Exists(Path.Combine(runDir, path)), path);
        Assert.Contains("train:sft/loss", run.Stdout);
        Assert.Contains("train:sftsami/mi_lower_bound", run.Stdout);

        // The same name again is the same run: it is reported as it ended, and nothing is generated again.
        var shard = File.ReadAllText(Path.Combine(runDir, "generate/shard-0000.jsonl"));
        var again = SamsaraProcess.Run("run", spec, "--artifacts", artifacts);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains("run smoke: completed", again.Stdout);
        Assert.Equal(shard, File.ReadAllText(Path.Combine(runDir, "generate/shard-0000.jsonl")));
        Assert.Single(Directory.GetDirectories(Path.Combine(artifacts, "runs")));
    }

    [Fact]
    public void A_run_killed_while_training_is_resumed_by_the_same_name()
    {
        var spec = Spec("""
              - { algorithm: SFT, learning_rate: 1e-4, steps: 40, batch_queries: 2, micro_batch: 1 }
            """);
        var artifacts = Path.Combine(dir, "artifacts");
        using (var process = SamsaraProcess.Start("run", spec, "--artifacts", artifacts))
        {
            // Kill it (SIGKILL, nothing flushed) once training has made a few steps.
            var seen = new System.Text.StringBuilder();
            while (process.StandardError.ReadLine() is { } line)
            {
                seen.AppendLine(line);
                if (line.Contains("run smoke: training", StringComparison.Ordinal)) break;
            }
            _ = process.StandardError.ReadToEndAsync();   // keep draining, or the process blocks on a full pipe
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (DateTime.UtcNow < deadline && !process.HasExited && TrainedSteps(artifacts) < 5) Thread.Sleep(20);
            Assert.False(process.HasExited, $"the run ended before it could be killed:\n{seen}");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        var resumed = SamsaraProcess.Run("run", spec, "--artifacts", artifacts);
        Assert.True(resumed.ExitCode == 0, resumed.Stderr + resumed.Stdout);
        Assert.Contains("run smoke: resuming from training", resumed.Stderr);
        Assert.Contains("run smoke: completed", resumed.Stdout);
        var runDir = Directory.GetDirectories(Path.Combine(artifacts, "runs")).Single();
        var steps = File.ReadAllLines(Path.Combine(runDir, "models/sft/metrics.jsonl")).Length;
        Assert.Equal(40, steps);   // each step once: the resumed trainer went on from its checkpoint
    }

    [Fact]
    public async Task Ctrl_C_cancels_the_run_and_the_process_ends()
    {
        var spec = Spec("""
              - { algorithm: SFT, learning_rate: 1e-4, steps: 2000, batch_queries: 2, micro_batch: 1 }
            """);
        var artifacts = Path.Combine(dir, "artifacts");
        using var process = SamsaraProcess.Start("run", spec, "--artifacts", artifacts);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline && !process.HasExited && TrainedSteps(artifacts) < 3) Thread.Sleep(20);
        if (process.HasExited) Assert.Fail($"the run ended before it could be interrupted:\n{await stderr}");

        Assert.Equal(0, Signals.Send(process.Id, Signals.Interrupt));
        // A liveness bound, not a timing: before, the web host took the signal and the run went on to its end.
        var ended = process.WaitForExit(TimeSpan.FromMinutes(1));
        if (!ended)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"samsara run was still running a minute after Ctrl+C:\n{await stdout}\n{await stderr}");
        }
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("run smoke: cancelled: interrupted (Ctrl+C)", await stdout);
        Assert.InRange(TrainedSteps(artifacts), 3, 1999);   // training stopped where it was
    }

    /// <summary>kill(2), for the signal a terminal sends on Ctrl+C.</summary>
    private static class Signals
    {
        public const int Interrupt = 2;   // SIGINT

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static extern int Send(int pid, int signal);
    }

    [Fact]
    public void Submit_needs_a_key_and_says_when_the_gateway_is_not_there()
    {
        var spec = Spec("""
              - { algorithm: SFT, steps: 1 }
            """);
        var noKey = SamsaraProcess.Run("submit", spec, "--gateway", "http://127.0.0.1:9");
        Assert.Equal(1, noKey.ExitCode);
        Assert.Contains("no API key", noKey.Stderr);
        var nobody = SamsaraProcess.Run("submit", spec, "--gateway", "http://127.0.0.1:9", "--api-key", "k");
        Assert.Equal(1, nobody.ExitCode);
        Assert.Contains("gateway answered Unavailable", nobody.Stderr);
    }

    private static int TrainedSteps(string artifacts)
    {
        var runs = Path.Combine(artifacts, "runs");
        var metrics = Directory.Exists(runs) ? Directory.GetDirectories(runs).Select(d => Path.Combine(d, "models/sft/metrics.jsonl")).FirstOrDefault(File.Exists) : null;
        try
        {
            return metrics is null ? 0 : File.ReadAllLines(metrics).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    [Fact]
    public void A_bad_spec_names_every_bad_field_and_starts_nothing()
    {
        var spec = Spec("""
              - { algorithm: SFT_SAMI, steps: 0 }
            """);
        File.WriteAllText(spec, File.ReadAllText(spec).Replace("student: { path: model }", "student: { path: missing }", StringComparison.Ordinal));
        var artifacts = Path.Combine(dir, "never");
        var run = SamsaraProcess.Run("run", spec, "--artifacts", artifacts);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("spec.student.path", run.Stderr);
        Assert.Contains("spec.training[0].steps", run.Stderr);
        Assert.Contains("add an SFT entry", run.Stderr);
        Assert.False(Directory.Exists(artifacts));
    }
}
