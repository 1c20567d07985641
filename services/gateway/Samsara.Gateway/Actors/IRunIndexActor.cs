using Dapr.Actors;

namespace Samsara.Gateway.Actors;

/// <summary>
/// Every run id in creation order with its owner, and the idempotency keys of StartRun. One actor (id
/// <see cref="RunIndexActor.SingletonId"/>), so reserving a key is one turn: two retries racing cannot both start a run.
/// </summary>
public interface IRunIndexActor : IActor
{
    /// <summary>
    /// Records <see cref="RunReservation.RunId"/> for the caller (and its idempotency key, if any), or returns the run
    /// the same caller started before with the same key.
    /// </summary>
    Task<string> ReserveAsync(RunReservation reservation);

    /// <summary>Run ids in creation order from <see cref="RunPageQuery.Offset"/>, only the owner's unless Owner is null.</summary>
    Task<RunIdPage> ListAsync(RunPageQuery query);
}

public sealed record RunReservation(string RunId, string Owner, string IdempotencyKey);

/// <param name="Owner">Null: every owner's runs (an admin).</param>
public sealed record RunPageQuery(string? Owner, int Offset, int Count);

/// <param name="Next">The position after the last id returned, or -1 at the end.</param>
public sealed record RunIdPage(IReadOnlyList<string> RunIds, int Next);
