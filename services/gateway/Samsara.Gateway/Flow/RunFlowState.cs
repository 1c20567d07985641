using System.Text.Json.Serialization;
using Samsara.Api.Runs;
using Samsara.Contracts;

namespace Samsara.Gateway.Flow;

/// <summary>
/// Where a run's flow stands, as its RunActor persists it (JSON). Kept apart from <see cref="RunFlow"/>, its
/// behaviour, as MassTransit keeps a saga's state apart from its state machine. Immutable: each event yields a new one.
/// </summary>
public sealed record RunFlowState
{
    public FlowPhase Phase { get; init; } = FlowPhase.NotStarted;

    /// <summary>The run spec, relative to the artifact store root (what GenerateShard names).</summary>
    public string SpecPath { get; init; } = "";

    /// <summary>How many shards each generation round has.</summary>
    public int ShardCount { get; init; }

    /// <summary>The run's steps in order, fixed when it starts.</summary>
    public IReadOnlyList<FlowStep> Steps { get; init; } = [];

    /// <summary>The index in <see cref="Steps"/> of the step in progress.</summary>
    public int Current { get; init; }

    /// <summary>The shards of the generation step in progress that are done, in the order they were reported.</summary>
    public IReadOnlyList<int> ShardsDone { get; init; } = [];

    /// <summary>What the run's evaluation consists of, fixed when it starts.</summary>
    public EvaluationOutline Evaluation { get; init; } = EvaluationOutline.None;

    /// <summary>Items per judge batch, fixed when the run starts (<see cref="RunFlowSettings.JudgeBatchItems"/>).</summary>
    public int JudgeBatchItems { get; init; } = 1;

    /// <summary>The evaluation's phase in progress (<see cref="EvaluationTasks"/>).</summary>
    public int EvaluationPhase { get; init; }

    /// <summary>The tasks of the evaluation phase in progress that are done, by id.</summary>
    public IReadOnlyList<string> TasksDone { get; init; } = [];

    /// <summary>How many items each comparison judges: the answers per model, once the answer tasks are in.</summary>
    public int EvaluationItems { get; init; }

    /// <summary>When the step in progress last reported anything (progress counts), or was last dispatched.</summary>
    public DateTimeOffset LastHeard { get; init; }

    /// <summary>How often the step in progress was re-dispatched since it last reported anything.</summary>
    public int Redispatches { get; init; }

    /// <summary>How often the run was resumed: each resume's commands get ids of their own.</summary>
    public int Resumes { get; init; }

    /// <summary>The step in progress; null before the run starts and once it is finished.</summary>
    [JsonIgnore]
    public FlowStep? Step => Phase == FlowPhase.Running && Current < Steps.Count ? Steps[Current] : null;
}

public enum FlowPhase
{
    /// <summary>Created; RunRequested has not been seen yet.</summary>
    NotStarted,
    /// <summary>A step is dispatched and awaited.</summary>
    Running,
    /// <summary>Completed, failed or cancelled: nothing more is dispatched.</summary>
    Finished,
}

public enum StepKind
{
    Generate,
    Filter,
    Train,
    Evaluate,
}

/// <summary>
/// One step of a run. <paramref name="Round"/>: the data round a Generate or Filter step is for (null: the run's first
/// round). <paramref name="Algorithm"/> and <paramref name="Iteration"/>: the model a Train step trains.
/// </summary>
public sealed record FlowStep(StepKind Kind, SamiIteration? Round = null, TrainingAlgorithm? Algorithm = null, int Iteration = 1);
