using Samsara.Alignment.Filters;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Stages.Filtering;

namespace Samsara.Stages.Plan;

/// <summary>
/// A run spec resolved once into what the stages read: every default applied here and nowhere else, paths already
/// resolved (against the spec file, or the artifact store by <c>RunSpecs</c>) and validated. Proto3 cannot tell an
/// omitted number from 0, so "0 means the default" is decided in this one place; a stage reads a plan and never
/// falls back on its own. <see cref="Spec"/> stays for what has no default (paths, names, step counts).
/// </summary>
public sealed record RunPlan
{
    public required RunSpec Spec { get; init; }

    public required ModelPlan Teacher { get; init; }

    public required ModelPlan Student { get; init; }

    public required PromptsPlan TrainPrompts { get; init; }

    /// <summary>The held-out prompts; null when the spec names none (a run without evaluation).</summary>
    public required PromptsPlan? EvalPrompts { get; init; }

    public required ConstitutionsPlan Constitutions { get; init; }

    public required GenerationPlan Generation { get; init; }

    public required FilterConfig Filter { get; init; }

    /// <summary>The trainings in the spec's order.</summary>
    public required IReadOnlyList<TrainingPlan> Training { get; init; }

    public required EvaluationPlan Evaluation { get; init; }

    /// <summary>The plan of the spec's training of <paramref name="algorithm"/>.</summary>
    public TrainingPlan TrainingOf(TrainingAlgorithm algorithm) =>
        Training.FirstOrDefault(t => t.Algorithm == algorithm) ?? throw new ArgumentException($"the run trains no {algorithm.Name()} model");

    /// <summary>Resolves <paramref name="spec"/> (its paths already resolved) into a plan; the plan keeps the spec.</summary>
    public static RunPlan Resolve(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new RunPlan
        {
            Spec = spec,
            Teacher = ModelPlan.Of(spec.Teacher ?? new ModelRef()),
            Student = ModelPlan.Of(spec.Student ?? new ModelRef()),
            TrainPrompts = PromptsPlan.Of(spec.TrainPrompts ?? new PromptSet()),
            EvalPrompts = spec.EvalPrompts is { Path.Length: > 0 } eval ? PromptsPlan.Of(eval) : null,
            Constitutions = ConstitutionsPlan.Of(spec.Constitutions ?? new ConstitutionSpec()),
            Generation = GenerationPlan.Of(spec.Generation ?? new GenerationSettings()),
            Filter = FilterStage.Config(spec.Filter),
            Training = spec.Training.Select(t => TrainingPlan.Of(t, startsFromSft: t.Algorithm is Algorithm.Dpo or Algorithm.SftSami
                && spec.Training.Any(x => x.Algorithm == Algorithm.Sft))).ToList(),
            Evaluation = EvaluationPlan.Of(spec.Evaluation ?? new EvaluationSpec(), spec.Generation ?? new GenerationSettings()),
        };
    }
}
