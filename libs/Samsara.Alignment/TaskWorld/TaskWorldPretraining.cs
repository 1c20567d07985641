using Samsara.Alignment.Datasets;
using Samsara.Alignment.Training;
using Samsara.Contracts;
using Samsara.Engine;
using Samsara.Engine.Data;
using Samsara.Engine.Models;
using Samsara.Engine.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Alignment.TaskWorld;

/// <summary>What `samsara pretrain` is configured by. The defaults are the recipe of the committed models.</summary>
public sealed record PretrainOptions
{
    public required PretrainRole Role { get; init; }
    public required LlamaConfig Config { get; init; }
    /// <summary>Where the final model (config.json, model.safetensors, tokenizer.json) is written.</summary>
    public required string OutputDirectory { get; init; }
    /// <summary>The corpus, the initial weights and both phases' resumable training runs.</summary>
    public required string WorkDirectory { get; init; }
    public ulong WorldSeed { get; init; } = TaskWorldGenerator.CommittedSeed;
    public int HeldOut { get; init; } = TaskWorldGenerator.CommittedHeldOut;
    /// <summary>The validation prompts after the held-out ones, kept out of the corpus too.</summary>
    public int Validation { get; init; } = TaskWorldGenerator.CommittedValidation;
    public ulong Seed { get; init; } = 1;
    public int Examples { get; init; } = 20_000;
    /// <summary>The fraction of the student's examples whose response follows the constitution (the teacher's always do).</summary>
    public double Follow { get; init; }
    /// <summary>The fraction of the student's examples that do not follow written in its plain habit (<see cref="PretrainCorpus.Habit"/>).</summary>
    public double Habit { get; init; }
    /// <summary>The fraction of strong principles worded weakly (the evaluation wording) in the corpus.</summary>
    public double Weak { get; init; } = PretrainCorpus.DefaultWeak;
    /// <summary>Steps at the peak learning rate (after warm-up), then <see cref="AnnealSteps"/> at a tenth of it.</summary>
    public int Steps { get; init; } = 450;
    public int AnnealSteps { get; init; } = 100;
    public int Warmup { get; init; } = 50;
    public double LearningRate { get; init; } = 3e-3;
    public int BatchSize { get; init; } = 16;
    public int MicroBatch { get; init; } = 16;
    public Device Device { get; init; } = CPU;

    public void Validate()
    {
        var errors = new List<string>();
        if (Config.Tokenizer != "byte") errors.Add("the config must ask for the byte tokenizer (\"tokenizer\": \"byte\")");
        if (Config.VocabSize < ByteTokenizer.VocabSize) errors.Add($"vocab_size {Config.VocabSize} is below the byte tokenizer's {ByteTokenizer.VocabSize}");
        if (!(Follow is >= 0 and <= 1)) errors.Add($"--follow must be between 0 and 1, not {Follow}");
        if (!(Weak is >= 0 and <= 1)) errors.Add($"--weak must be between 0 and 1, not {Weak}");
        if (!(Habit is >= 0 and <= 1)) errors.Add($"--habit must be between 0 and 1, not {Habit}");
        if (Role == PretrainRole.Teacher && Follow != 0) errors.Add("--follow is the student's: the teacher's examples always follow the constitution");
        if (Role == PretrainRole.Teacher && Habit != 0) errors.Add("--habit is the student's: the teacher's examples always follow the constitution");
        if (Examples < 1) errors.Add($"--examples must be at least 1, not {Examples}");
        if (Steps < 1) errors.Add($"--steps must be at least 1, not {Steps}");
        if (AnnealSteps < 0) errors.Add($"--anneal-steps must be ≥ 0, not {AnnealSteps}");
        if (HeldOut < 3) errors.Add($"--heldout must be at least 3 (one task per category), not {HeldOut}");
        if (Validation < 0) errors.Add($"--validation must be ≥ 0, not {Validation}");
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors));
    }
}

/// <summary>
/// The recipe of the task world's tiny models, from scratch: write the corpus (<see cref="PretrainCorpus"/>),
/// initialise a Llama with the byte tokenizer, train it with the SFT loss (NLL of the responses, prompt masked) at
/// the peak rate, then anneal at a tenth of it, and copy the final weights out. Each phase is an ordinary resumable
/// <see cref="SftRecipe"/> run in the work directory, so an interrupted pretraining continues where it stopped.
/// </summary>
public static class TaskWorldPretraining
{
    public sealed record Result(string Model, double FinalLoss, int Steps, long Parameters, TimeSpan Elapsed);

    public static Result Run(PretrainOptions options, Action<string, StepMetrics>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var world = new TaskWorldGenerator(options.WorldSeed, options.HeldOut, options.Validation);
        Directory.CreateDirectory(options.WorkDirectory);
        var corpus = Path.Combine(options.WorkDirectory, "corpus.jsonl");
        var examples = PretrainCorpus.Build(world, options.Role, options.Seed, options.Examples, options.Follow, options.Weak, options.Habit).ToList();
        Jsonl.Write(corpus, examples.Select(e => e.ToJson()));

        var init = Path.Combine(options.WorkDirectory, "init");
        long parameters;
        using (var model = Checkpoint.CreateRandom(options.Config with { TorchDType = "float32" }, options.Seed, CPU))
        {
            Directory.CreateDirectory(init);
            ByteTokenizer.Write(Path.Combine(init, "tokenizer.json"));
            Checkpoint.Save(model, init);
            parameters = model.Parameters.Values.Sum(t => t.NumberOfElements);
        }

        var losses = new List<double>();
        var phases = new List<(string Name, double Lr, int Steps, int Warmup)> { ("peak", options.LearningRate, options.Steps, options.Warmup) };
        if (options.AnnealSteps > 0) phases.Add(("anneal", options.LearningRate / 10, options.AnnealSteps, 0));
        var start = init;
        foreach (var (name, lr, steps, warmup) in phases)
        {
            var output = Path.Combine(options.WorkDirectory, name);
            var training = new TrainingOptions
            {
                Algorithm = TrainingAlgorithm.Sft, ModelDirectory = start, DataPath = corpus, OutputDirectory = output,
                LearningRate = lr, Optimizer = OptimizerKind.AdamW, BatchQueries = options.BatchSize, MicroBatch = options.MicroBatch,
                Steps = steps, WarmupSteps = warmup, Clip = 1.0, Seed = options.Seed, Device = options.Device, Resume = true, SaveEvery = 100,
            };
            new SftRecipe(training, examples).Train(m =>
            {
                losses.Add(m.Loss);
                progress?.Invoke(name, m);
            }, cancellationToken);
            start = output;
        }

        Directory.CreateDirectory(options.OutputDirectory);
        foreach (var file in new[] { "config.json", "model.safetensors", "tokenizer.json" })
            File.Copy(Path.Combine(start, file), Path.Combine(options.OutputDirectory, file), overwrite: true);
        // The mean of the last steps: one step's loss is one batch's, too noisy to report alone.
        var tail = losses.TakeLast(Math.Min(50, losses.Count)).ToList();
        return new Result(options.OutputDirectory, tail.Count == 0 ? double.NaN : tail.Average(), options.Steps + options.AnnealSteps, parameters, clock.Elapsed);
    }
}
