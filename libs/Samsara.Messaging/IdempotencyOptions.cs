namespace Samsara.Messaging;

/// <summary><c>Messaging:Idempotency</c>: where consumers remember the events they have processed.</summary>
public sealed class IdempotencyOptions
{
    /// <summary>
    /// A SQLite file that keeps processed event ids across restarts (a path on the service's volume).
    /// Empty keeps them in memory, which forgets them when the process stops: fine for tests and one-shot runs.
    /// </summary>
    public string? SqlitePath { get; set; }
}
