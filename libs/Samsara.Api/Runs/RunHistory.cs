using Samsara.Api.V1;

namespace Samsara.Api.Runs;

/// <summary>
/// A run's durable state, as the RunActor keeps it: the Run snapshot clients read, every event applied (what
/// WatchRun replays to a late watcher), and the ids already applied (so a redelivered event changes nothing).
/// State only; <see cref="RunTransitions"/> is the behaviour.
/// </summary>
public sealed class RunHistory
{
    public required Run Run { get; init; }

    public List<RunEvent> Events { get; init; } = [];

    public HashSet<string> AppliedEventIds { get; init; } = [];

    public bool IsFinal => RunTransitions.IsFinal(Run.State);
}
