using Samsara.Api.V1;
using Samsara.Artifacts;
using Samsara.Contracts;
using Samsara.Stages.Plan;

namespace Samsara.Stages;

/// <summary>
/// Iterated SAMI across the stages: iteration i ≥ 2 of a SAMI (or SFT+SAMI) training regenerates the run's train
/// prompts with iteration i − 1's model, filters them and trains again from the base model. Each iteration is a round
/// of the same events (GenerateShard → GenerationShardCompleted → FilteringCompleted) carrying its
/// <see cref="SamiIteration"/>; this class names that round's event ids (its files are <see cref="RunWorkspace.Round"/>), so rounds never collide and a
/// redelivery of any of them re-announces instead of redoing.
/// </summary>
public static class SamiIterations
{
    /// <summary>The round's prefix for event-id names and marker paths: empty for the run's first round, else <c>iter{n}/{algo}/</c>.</summary>
    public static string Prefix(SamiIteration? iteration) => iteration is null ? "" : $"iter{iteration.Number}/{iteration.Algorithm.Name()}/";

    /// <summary>The spec's training entry an iteration belongs to; a message naming none is bad input.</summary>
    public static TrainingPlan TrainingOf(RunPlan plan, SamiIteration iteration)
    {
        var training = plan.Training.FirstOrDefault(t => t.Algorithm == iteration.Algorithm);
        if (training is null || iteration.Number < 2 || iteration.Number > training.Iterations)
            throw new StageInputException($"the run's spec has no iteration {iteration.Number} of a '{iteration.Algorithm.Name()}' training");
        return training;
    }

    /// <summary>
    /// The model that generates iteration <paramref name="iteration"/>'s data: the previous iteration's, on the student's
    /// device and dtype (it is a student model).
    /// </summary>
    public static ModelRef GeneratorOf(RunWorkspace run, RunPlan plan, SamiIteration iteration)
    {
        var training = TrainingOf(plan, iteration);
        return new ModelRef
        {
            Path = run.IterationModel(training.Algorithm, iteration.Number - 1, training.Iterations),
            Device = plan.Spec.Student.Device,
            Dtype = plan.Spec.Student.Dtype,
        };
    }
}
