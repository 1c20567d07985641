namespace Samsara.Actors;

/// <summary>
/// A registered reminder: durable, it fires whether or not the actor is active (and after a restart).
/// <paramref name="Period"/> is <see cref="Timeout.InfiniteTimeSpan"/> for a reminder that fires once.
/// </summary>
public sealed record ActorReminder(string Name, byte[] State, TimeSpan DueTime, TimeSpan Period)
{
    internal static void Validate(string name, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        // Dapr's convention: -1 ms means "not periodic"; any other period must be positive to make progress.
        if (period != Timeout.InfiniteTimeSpan && period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A period must be positive, or Timeout.InfiniteTimeSpan for a one-shot reminder or timer.");
        }
    }
}
