using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Samsara.Alignment.Lora;
using Samsara.Alignment.Optim;
using Samsara.Contracts;
using Samsara.Engine;
using Samsara.Engine.Scoring;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace Samsara.Alignment.Training;

/// <summary>
/// What every recipe shares, by composition: the policy and what of it trains (all weights, or LoRA adapters),
/// the reference model when the algorithm needs one, the optimizer and its schedule, the step plan, the metrics
/// log, resumable checkpoints, and the final Hugging Face checkpoint. The recipes keep the loops.
/// </summary>
public sealed class TrainingRun : IDisposable
{
    private readonly TrainingOptions options;
    private readonly LoraModel? lora;
    private readonly TrainingOptimizer optimizer;
    private readonly LearningRateSchedule schedule;
    private readonly MetricsLog metrics;
    private readonly JsonObject settings;
    private readonly Action<StepMetrics>? progress;

    private TrainingRun(TrainingOptions options, int dataCount, bool needsReference, Action<StepMetrics>? progress)
    {
        this.options = options;
        this.progress = progress;
        Directory.CreateDirectory(options.OutputDirectory);
        Policy = LanguageModel.Load(options.ModelDirectory, options.Device, options.DType);
        try
        {
            if (options.Lora is { } loraOptions)
            {
                foreach (var p in Policy.Model.Parameters.Values) p.requires_grad = false;
                lora = new LoraModel(Policy, loraOptions, options.Seed);
                Trained = lora.Parameters;
            }
            else
            {
                foreach (var p in Policy.Model.Parameters.Values) p.requires_grad = true;
                Trained = Policy.Model.Parameters;
            }
            if (needsReference) Reference = LoadReference();
            optimizer = new TrainingOptimizer(Trained, options.Optimizer, options.WeightDecay);
            schedule = new LearningRateSchedule(options.LearningRate, options.WarmupSteps);
            Plan = new StepPlan(dataCount, options.BatchQueries, options.Seed, options.Steps, options.Epochs);
            settings = Settings();
            FirstStep = 1 + ResumeOrStart();
            metrics = new MetricsLog(Path.Combine(options.OutputDirectory, "metrics.jsonl"), FirstStep - 1);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public LanguageModel Policy { get; }

    public LogProbScorer Scorer => new(Policy);

    public LogProbScorer? ReferenceScorer => Reference is null ? null : new(Reference);

    /// <summary>The frozen reference policy (DPO; SAMI with a KL term), or null.</summary>
    public LanguageModel? Reference { get; }

    public IReadOnlyDictionary<string, Parameter> Trained { get; }

    public StepPlan Plan { get; }

    /// <summary>1, or the step after the checkpoint a resumed run continues from.</summary>
    public int FirstStep { get; }

    public static TrainingRun Start(TrainingOptions options, int dataCount, bool needsReference, Action<StepMetrics>? progress)
    {
        options.Validate();
        return new TrainingRun(options, dataCount, needsReference, progress);
    }

    /// <summary>Clips the accumulated gradients, applies the optimizer at this step's rate, clears them; returns the norm before clipping.</summary>
    public double Step(int step)
    {
        var norm = optimizer.ClipGradients(options.Clip);
        optimizer.Step(schedule.At(step));
        return norm;
    }

    /// <summary>Writes the step's metrics line, reports progress, and checkpoints when due.</summary>
    public void Complete(int step, double loss, double gradNorm, long tokens, int queries, TimeSpan elapsed, IReadOnlyDictionary<string, double> extra)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        var m = new StepMetrics(step, Plan.TotalSteps, loss, schedule.At(step), gradNorm, tokens / seconds, queries / seconds, Plan.Epoch(step), extra);
        var line = new JsonObject
        {
            ["step"] = m.Step,
            ["loss"] = m.Loss,
            ["lr"] = m.LearningRate,
            ["grad_norm"] = m.GradNorm,
            ["tokens_per_s"] = Math.Round(m.TokensPerSecond, 1),
            ["queries_per_s"] = Math.Round(m.QueriesPerSecond, 3),
            ["epoch"] = Math.Round(m.Epoch, 4),
            // The process's resident memory after the step: a leak shows as a rise that does not level off.
            ["resident_mib"] = Math.Round(Environment.WorkingSet / (1024.0 * 1024.0), 1),
        };
        foreach (var (key, value) in extra) line[key] = value;
        metrics.Write(line);
        progress?.Invoke(m);
        if (step % options.SaveEvery == 0 || step == Plan.TotalSteps)
            TrainingCheckpoint.Save(options.OutputDirectory, step, Trained, optimizer, settings);
    }

    /// <summary>Writes the trained model to OUT in Hugging Face layout (LoRA: merged weights plus the PEFT adapter).</summary>
    public void SaveModel()
    {
        var output = options.OutputDirectory;
        if (lora is not null)
        {
            lora.SaveAdapter(output, Path.GetFullPath(options.ModelDirectory));
            lora.MergeIntoBase();
        }
        Policy.Save(output);
        AtomicFile.WriteAllText(Path.Combine(output, "training_args.json"), settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    public void Dispose()
    {
        metrics?.Dispose();
        optimizer?.Dispose();
        lora?.Dispose();
        Reference?.Dispose();
        Policy?.Dispose();
    }

    private LanguageModel LoadReference()
    {
        var directory = options.ReferenceModelDirectory ?? options.ModelDirectory;
        var reference = LanguageModel.Load(directory, options.Device, options.DType);
        if (!SameTokenizer(Policy, reference))
        {
            reference.Dispose();
            throw new ArgumentException(
                $"the reference model's tokenizer ({directory}) differs from the policy's ({options.ModelDirectory}); " +
                "their log-probabilities would not be comparable");
        }
        foreach (var p in reference.Model.Parameters.Values) p.requires_grad = false;
        return reference;
    }

    private static bool SameTokenizer(LanguageModel a, LanguageModel b)
    {
        string[] files = ["tokenizer.json", "vocab.json", "merges.txt"];
        return a.Tokenizer.VocabSize == b.Tokenizer.VocabSize && a.TokenizerDirectory is not null && b.TokenizerDirectory is not null &&
               files.All(f => FileBytes(a.TokenizerDirectory, f).AsSpan().SequenceEqual(FileBytes(b.TokenizerDirectory, f)));
    }

    private static byte[] FileBytes(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        return File.Exists(path) ? File.ReadAllBytes(path) : [];
    }

    // Settings a resume must keep: changing any of them would make the continued run a different run.
    private JsonObject Settings() => new()
    {
        ["algorithm"] = options.Algorithm.Recipe().Name(),   // the recipe: SFT+SAMI resumes as the SAMI it is
        ["model"] = Path.GetFullPath(options.ModelDirectory),
        ["data_sha256"] = TrainingCheckpoint.Fingerprint(options.DataPath),
        ["reference_model"] = options.ReferenceModelDirectory is null ? null : Path.GetFullPath(options.ReferenceModelDirectory),
        ["beta"] = options.EffectiveBeta,
        ["lr"] = options.LearningRate,
        ["optimizer"] = options.Optimizer.ToString().ToLowerInvariant(),
        ["weight_decay"] = options.WeightDecay,
        ["batch_queries"] = options.BatchQueries,
        ["micro_batch"] = options.MicroBatch,
        ["warmup"] = options.WarmupSteps,
        ["clip"] = options.Clip,
        ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
        ["lora"] = options.Lora is { } l ? new JsonObject
        {
            ["r"] = l.Rank, ["alpha"] = l.Alpha, ["targets"] = new JsonArray(l.Targets.Select(t => (JsonNode?)t).ToArray()),
        } : null,
        ["dtype"] = options.DType.ToString().ToLowerInvariant(),
    };

    private int ResumeOrStart()
    {
        var checkpoint = TrainingCheckpoint.Find(options.OutputDirectory);
        if (checkpoint is null) return 0;
        if (!options.Resume)
            throw new ArgumentException(
                $"{options.OutputDirectory} already holds a training run (checkpoint at {checkpoint}); pass --resume to continue it, or choose another --out");
        return TrainingCheckpoint.Restore(checkpoint, Trained, optimizer, settings);
    }
}
