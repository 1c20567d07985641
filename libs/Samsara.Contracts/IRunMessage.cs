namespace Samsara.Contracts;

/// <summary>
/// What every message about a run carries: the run it belongs to, its own identity and when it happened.
/// <see cref="EventId"/> is what consumers deduplicate on (docs/architecture.md §10: events are applied idempotently),
/// so a producer that repeats work after a restart must repeat the same id (see <see cref="EventIds"/>).
/// </summary>
public interface IRunMessage
{
    /// <summary>The run this message belongs to.</summary>
    Guid RunId { get; }

    /// <summary>Identity of this event or command; a redelivery or a re-publish keeps it.</summary>
    Guid EventId { get; }

    /// <summary>When the producer observed or requested it.</summary>
    DateTimeOffset OccurredAt { get; }
}
