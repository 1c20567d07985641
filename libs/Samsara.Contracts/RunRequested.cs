namespace Samsara.Contracts;

/// <summary>The gateway accepted a run; its RunActor starts it (sends the shards to generate). The run trains every algorithm of its spec.</summary>
/// <remarks>
/// The full spec stays in the artifact store (<see cref="SpecPath"/>); only the fields every stage routes on travel here.
/// </remarks>
public sealed record RunRequested : IRunMessage
{
    /// <inheritdoc />
    public required Guid RunId { get; init; }

    /// <inheritdoc />
    public required Guid EventId { get; init; }

    /// <inheritdoc />
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The run spec, relative to the artifact store root.</summary>
    public required string SpecPath { get; init; }
}
