using Samsara.Contracts;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Alignment.Training;

public enum OptimizerKind
{
    AdamW,
    RmsProp,
}

/// <summary>Everything a training run is configured by (`samsara train`'s options). Validate() names each bad value.</summary>
public sealed record TrainingOptions
{
    /// <summary>What to train; <see cref="TrainingRecipes"/> picks its recipe (SFT+SAMI trains with SAMI's).</summary>
    public required TrainingAlgorithm Algorithm { get; init; }
    public required string ModelDirectory { get; init; }
    public required string DataPath { get; init; }
    public required string OutputDirectory { get; init; }
    /// <summary>DPO's (and SAMI's KL) reference policy; default: the model being trained, as it starts.</summary>
    public string? ReferenceModelDirectory { get; init; }
    /// <summary>DPO's β; for SAMI, the weight of an optional KL to the reference (0: none, as in the paper).</summary>
    public double? Beta { get; init; }
    public double LearningRate { get; init; } = 1e-6;
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.AdamW;
    public double WeightDecay { get; init; }
    /// <summary>Q: queries (SAMI), pairs (DPO) or examples (SFT) per optimizer step.</summary>
    public int BatchQueries { get; init; } = 16;
    /// <summary>M: queries per forward/backward pass; gradients accumulate over Q / M of them.</summary>
    public int MicroBatch { get; init; } = 4;
    public int? Steps { get; init; }
    public double? Epochs { get; init; }
    public int WarmupSteps { get; init; }
    /// <summary>Global gradient-norm clip (0: none).</summary>
    public double Clip { get; init; }
    public ulong Seed { get; init; }
    public LoraOptions? Lora { get; init; }
    public ScalarType DType { get; init; } = ScalarType.Float32;
    public Device Device { get; init; } = CPU;
    public bool Resume { get; init; }
    /// <summary>Write a resumable checkpoint every this many steps (and at the end).</summary>
    public int SaveEvery { get; init; } = 10;

    public double EffectiveBeta => Beta ?? (Algorithm == TrainingAlgorithm.Dpo ? 0.1 : 0.0);

    public void Validate()
    {
        var errors = new List<string>();
        if (LearningRate < 0 || double.IsNaN(LearningRate)) errors.Add($"--lr must be ≥ 0, not {LearningRate}");
        if (BatchQueries < 1) errors.Add($"--batch-queries must be at least 1, not {BatchQueries}");
        if (MicroBatch < 1) errors.Add($"--micro-batch must be at least 1, not {MicroBatch}");
        if (Steps is null == Epochs is null) errors.Add("give exactly one of --steps N or --epochs E");
        if (Steps is < 1) errors.Add($"--steps must be at least 1, not {Steps}");
        if (Epochs is <= 0) errors.Add($"--epochs must be positive, not {Epochs}");
        if (WarmupSteps < 0) errors.Add($"--warmup must be ≥ 0, not {WarmupSteps}");
        if (Clip < 0) errors.Add($"--clip must be ≥ 0, not {Clip}");
        if (SaveEvery < 1) errors.Add($"--save-every must be at least 1, not {SaveEvery}");
        if (Algorithm == TrainingAlgorithm.Dpo && EffectiveBeta <= 0) errors.Add($"--beta must be positive for DPO, not {EffectiveBeta}");
        if (Algorithm.Recipe() == TrainingAlgorithm.Sami && EffectiveBeta < 0) errors.Add($"--beta (SAMI's KL weight) must be ≥ 0, not {EffectiveBeta}");
        if (Algorithm == TrainingAlgorithm.Sft && Beta is not null) errors.Add("--beta has no meaning for SFT");
        if (Lora is { Rank: < 1 }) errors.Add($"--lora-rank must be at least 1, not {Lora.Rank}");
        if (Lora is { Alpha: <= 0 }) errors.Add($"--lora-alpha must be positive, not {Lora.Alpha}");
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors));
    }
}

/// <summary>LoRA settings: rank r, scale α, and the linear layers to adapt (by short name: q_proj, v_proj, …).</summary>
public sealed record LoraOptions(int Rank, double Alpha, IReadOnlyList<string> Targets);
