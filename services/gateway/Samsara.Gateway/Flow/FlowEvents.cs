using System.Text.Json.Serialization;
using Samsara.Api.Runs;
using Samsara.Contracts;

namespace Samsara.Gateway.Flow;

/// <summary>
/// What the RunActor tells its <see cref="RunFlow"/>: a stage's report, reduced to what the flow decides on. JSON
/// with a type tag, since it travels to the actor inside a <see cref="Actors.RunUpdate"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(RunStarted), "started")]
[JsonDerivedType(typeof(ShardGenerated), "shard")]
[JsonDerivedType(typeof(RoundFiltered), "filtered")]
[JsonDerivedType(typeof(ModelTrained), "trained")]
[JsonDerivedType(typeof(EvaluationTaskDone), "task")]
[JsonDerivedType(typeof(RunEvaluated), "evaluated")]
[JsonDerivedType(typeof(StageProgressed), "progress")]
[JsonDerivedType(typeof(RunEnded), "ended")]
[JsonDerivedType(typeof(SilenceChecked), "silence")]
[JsonDerivedType(typeof(RunResumed), "resumed")]
public abstract record FlowEvent;

/// <summary>
/// The run was requested. <paramref name="Trainings"/>: the spec's trainings in spec order; <paramref name="Evaluation"/>:
/// what its evaluation consists of (the actor fills both from the run's spec; none: the report alone).
/// </summary>
public sealed record RunStarted(string SpecPath, int ShardCount, IReadOnlyList<PlannedTraining> Trainings, EvaluationOutline? Evaluation = null) : FlowEvent;

/// <summary>A training of the spec and its iterations (1 unless iterated SAMI).</summary>
public sealed record PlannedTraining(TrainingAlgorithm Algorithm, int Iterations);

public sealed record ShardGenerated(SamiIteration? Round, int Index) : FlowEvent;

public sealed record RoundFiltered(SamiIteration? Round) : FlowEvent;

public sealed record ModelTrained(TrainingAlgorithm Algorithm, int Iteration) : FlowEvent;

/// <summary>A judge finished evaluation task <paramref name="TaskId"/>; <paramref name="Items"/>: an answer task's answers.</summary>
public sealed record EvaluationTaskDone(string TaskId, int Items) : FlowEvent;

/// <summary>The report is written (the last evaluation task).</summary>
public sealed record RunEvaluated : FlowEvent;

/// <summary>A training step or a part of the evaluation advanced: the stage in progress is alive.</summary>
public sealed record StageProgressed : FlowEvent;

/// <summary>The run reached a final state some other way (a stage's fault, a cancellation).</summary>
public sealed record RunEnded : FlowEvent;

/// <summary>The actor's reminder fired: has the stage in progress been silent too long?</summary>
public sealed record SilenceChecked : FlowEvent;

/// <summary>The process that ran the run's workers was killed and a new one took over (<c>samsara run</c> again): send the step's outstanding commands again.</summary>
public sealed record RunResumed : FlowEvent;
