using System.CommandLine;
using System.Globalization;
using Samsara.Alignment.Training;
using Samsara.Contracts;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Cli.Commands;

/// <summary>`samsara train`: SFT, DPO or SAMI on a dataset, to a Hugging Face checkpoint plus metrics.jsonl.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var algo = new Option<string>("--algo") { Description = "sft, dpo or sami", Required = true };
        var model = CommonOptions.Model();
        var data = new Option<string>("--data") { Description = "JSONL dataset (SFT: prompt/completion; DPO: prompt/chosen/rejected; SAMI: generations)", Required = true };
        var output = new Option<string>("--out") { Description = "Output directory: checkpoint, metrics.jsonl, resumable state", Required = true };
        var refModel = new Option<string?>("--ref-model") { Description = "Reference policy for DPO (and SAMI's KL); default: --model" };
        var beta = new Option<double?>("--beta") { Description = "DPO β (default 0.1); SAMI: weight of a KL to the reference (default 0)" };
        var lr = new Option<double>("--lr") { Description = "Peak learning rate", DefaultValueFactory = _ => 1e-6 };
        var optimizer = new Option<string>("--optimizer") { Description = "adamw or rmsprop", DefaultValueFactory = _ => "adamw" };
        var weightDecay = new Option<double>("--weight-decay") { Description = "Decoupled weight decay (AdamW) / L2 (RMSprop)", DefaultValueFactory = _ => 0.0 };
        var batchQueries = new Option<int>("--batch-queries") { Description = "Queries (SAMI), pairs (DPO) or examples (SFT) per optimizer step", DefaultValueFactory = _ => 16 };
        var microBatch = new Option<int>("--micro-batch") { Description = "Queries per forward/backward pass (gradient accumulation)", DefaultValueFactory = _ => 4 };
        var steps = new Option<int?>("--steps") { Description = "Optimizer steps" };
        var epochs = new Option<double?>("--epochs") { Description = "Passes over the data (instead of --steps)" };
        var warmup = new Option<int>("--warmup") { Description = "Linear warm-up steps", DefaultValueFactory = _ => 0 };
        var clip = new Option<double>("--clip") { Description = "Global gradient-norm clip (0: none)", DefaultValueFactory = _ => 0.0 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the data order and LoRA initialisation", DefaultValueFactory = _ => 0 };
        var loraRank = new Option<int?>("--lora-rank") { Description = "Train LoRA adapters of this rank instead of all weights" };
        var loraAlpha = new Option<double?>("--lora-alpha") { Description = "LoRA α (default 2 × rank)" };
        var loraTargets = new Option<string[]>("--lora-targets") { Description = "Linear layers to adapt (default q_proj v_proj)", AllowMultipleArgumentsPerToken = true };
        var saveEvery = new Option<int>("--save-every") { Description = "Steps between resumable checkpoints", DefaultValueFactory = _ => 10 };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its last checkpoint" };
        var dtype = new Option<string>("--dtype") { Description = "fp32 or bf16", DefaultValueFactory = _ => "fp32" };
        var device = CommonOptions.Device();
        var threads = CommonOptions.Threads();
        var command = new Command("train", "Fine-tune a model with SFT, DPO or SAMI")
        {
            algo, model, data, output, refModel, beta, lr, optimizer, weightDecay, batchQueries, microBatch, steps, epochs, warmup, clip,
            seed, loraRank, loraAlpha, loraTargets, saveEvery, resume, dtype, device, threads,
        };
        command.SetAction(parse =>
        {
            var target = CommandRunner.Setup(parse.GetRequiredValue(device), parse.GetValue(threads));
            var rank = parse.GetValue(loraRank);
            var options = new TrainingOptions
            {
                Algorithm = ParseAlgorithm(parse.GetRequiredValue(algo)),
                ModelDirectory = parse.GetRequiredValue(model),
                DataPath = parse.GetRequiredValue(data),
                OutputDirectory = parse.GetRequiredValue(output),
                ReferenceModelDirectory = parse.GetValue(refModel),
                Beta = parse.GetValue(beta),
                LearningRate = parse.GetValue(lr),
                Optimizer = parse.GetRequiredValue(optimizer).ToLowerInvariant() switch
                {
                    "adamw" => OptimizerKind.AdamW,
                    "rmsprop" => OptimizerKind.RmsProp,
                    var other => throw new ArgumentException($"--optimizer '{other}' is not adamw or rmsprop"),
                },
                WeightDecay = parse.GetValue(weightDecay),
                BatchQueries = parse.GetValue(batchQueries),
                MicroBatch = parse.GetValue(microBatch),
                Steps = parse.GetValue(steps),
                Epochs = parse.GetValue(epochs),
                WarmupSteps = parse.GetValue(warmup),
                Clip = parse.GetValue(clip),
                Seed = parse.GetValue(seed),
                Lora = rank is { } r
                    ? new LoraOptions(r, parse.GetValue(loraAlpha) ?? 2.0 * r,
                        (parse.GetValue(loraTargets) is { Length: > 0 } t ? t : ["q_proj", "v_proj"])
                            .SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray())
                    : parse.GetValue(loraTargets) is { Length: > 0 } || parse.GetValue(loraAlpha) is not null
                        ? throw new ArgumentException("--lora-alpha and --lora-targets need --lora-rank")
                        : null,
                SaveEvery = parse.GetValue(saveEvery),
                Resume = parse.GetValue(resume),
                DType = TorchNames.ParseFloat(parse.GetRequiredValue(dtype)),
                Device = target,
            };
            options.Validate();
            return Run(options);
        });
        return command;
    }

    // SFT+SAMI is a run's SAMI from its SFT model; here the model is --model, so the three recipes are the choices.
    private static TrainingAlgorithm ParseAlgorithm(string name) =>
        TrainingAlgorithms.FromName(name.ToLowerInvariant()) is { } algorithm && algorithm == algorithm.Recipe()
            ? algorithm
            : throw new ArgumentException($"--algo '{name}' is not sft, dpo or sami");

    private static int Run(TrainingOptions options)
    {
        ProgressBar? bar = null;
        void Report(StepMetrics m)
        {
            bar ??= new ProgressBar($"train {options.Algorithm.Name()}", m.TotalSteps, "steps");
            var extra = string.Join(' ', m.Extra.Where(e => e.Key is "mi_lower_bound" or "reward_accuracy")
                .Select(e => $"{e.Key} {e.Value.ToString("F3", CultureInfo.InvariantCulture)}"));
            bar.Report(m.Step, $"loss {m.Loss.ToString("F4", CultureInfo.InvariantCulture)} {m.TokensPerSecond:F0} tok/s {extra}".TrimEnd());
        }
        TrainingRecipes.Train(options, Report);
        Console.WriteLine($"wrote {options.OutputDirectory}");
        return 0;
    }
}
