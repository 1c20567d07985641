using System.Text.Json;

namespace Samsara.Stages.Jobs;

/// <summary>
/// An accepted job as written in the run's workspace: what it is, the queue its command came from (where a failure is
/// raised again), the command itself, so a restarted worker can run it again, and its lease: the worker that owns it
/// and until when, unless it renews the claim.
/// </summary>
public sealed record JobRecord(string Kind, string Queue, JsonElement Message, string Owner = "", DateTimeOffset LeaseUntil = default)
{
    /// <summary>
    /// Whether another worker than <paramref name="owner"/> holds the job at <paramref name="now"/>: a record with no
    /// owner, or whose lease lapsed, is anyone's to take.
    /// </summary>
    public bool IsHeldByAnotherThan(string owner, DateTimeOffset now) =>
        Owner.Length > 0 && !string.Equals(Owner, owner, StringComparison.Ordinal) && LeaseUntil > now;
}
