using Samsara.Alignment.Training;
using Samsara.Api;
using Samsara.Api.V1;
using Samsara.Contracts;

namespace Samsara.Stages.Plan;

/// <summary>
/// One training of the run with its defaults applied: learning rate 1e-6, AdamW, 16 queries per optimizer step in
/// micro-batches of 4, DPO's β as the recipe's default, LoRA α = 2·rank on q_proj and v_proj, one iteration; on the
/// student's device and in its training type (<see cref="ModelPlan"/>). DPO and SFT+SAMI start from the run's SFT model
/// when the run trains one (<see cref="StartsFromSft"/>), the others from the student.
/// </summary>
public sealed record TrainingPlan(
    TrainingAlgorithm Algorithm,
    double LearningRate,
    OptimizerKind Optimizer,
    int BatchQueries,
    int MicroBatch,
    int Steps,
    int WarmupSteps,
    double Clip,
    double? Beta,
    LoraOptions? Lora,
    int Iterations,
    bool StartsFromSft)
{
    public const double DefaultLearningRate = 1e-6;
    public const int DefaultBatchQueries = 16;
    public const int DefaultMicroBatch = 4;
    public static readonly string[] DefaultLoraTargets = ["q_proj", "v_proj"];

    public static TrainingPlan Of(TrainingSpec t, bool startsFromSft) => new(
        t.Algorithm.ToTraining(),
        t.LearningRate > 0 ? t.LearningRate : DefaultLearningRate,
        t.Optimizer == "rmsprop" ? OptimizerKind.RmsProp : OptimizerKind.AdamW,
        t.BatchQueries > 0 ? (int)t.BatchQueries : DefaultBatchQueries,
        t.MicroBatch > 0 ? (int)t.MicroBatch : DefaultMicroBatch,
        (int)t.Steps,
        (int)t.Warmup,
        t.Clip,
        t.Beta > 0 ? t.Beta : null,
        t.Lora is { Rank: > 0 } l ? new LoraOptions((int)l.Rank, l.Alpha > 0 ? l.Alpha : 2.0 * l.Rank, l.Targets.Count > 0 ? l.Targets.ToArray() : DefaultLoraTargets) : null,
        Math.Max(1, (int)t.Iterations),
        startsFromSft);
}
