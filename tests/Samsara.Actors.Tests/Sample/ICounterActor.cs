using Samsara.Actors;

namespace Samsara.Actors.Tests.Sample;

/// <summary>The sample actor's callable surface; each method exists to show one runtime behaviour.</summary>
public interface ICounterActor : IActor
{
    Task<int> IncrementAsync(int by);

    /// <summary>Reads an int state value (0 when absent): "count", "reminders:{name}", "ticks:{name}".</summary>
    Task<int> ReadAsync(string key);

    /// <summary>Writes state, then throws: the turn must commit nothing.</summary>
    Task IncrementThenFailAsync(int by);

    /// <summary>Increments after a pause, recording how many turns overlap.</summary>
    Task<int> SlowIncrementAsync(int delayMilliseconds);

    /// <summary>Waits (up to a timeout) until <paramref name="expected"/> turns are in flight at once.</summary>
    Task<bool> MeetAsync(int expected);

    Task RemindAsync(ReminderPlan plan);

    /// <summary>Registers a reminder, then throws: the registration must not survive the failed turn.</summary>
    Task RemindThenFailAsync(ReminderPlan plan);

    Task ForgetReminderAsync(string name);

    Task StartTimerAsync(TimerPlan plan);

    Task StopTimerAsync(string name);

    Task<Profile> SaveProfileAsync(Profile profile);
}

/// <param name="StopAfter">The callback unregisters the reminder on this delivery; 0 = never.</param>
public sealed record ReminderPlan(string Name, int DueMilliseconds, int? PeriodMilliseconds, string Note, int StopAfter = 0);

/// <param name="StopAfter">The callback unregisters the timer on this tick; 0 = never.</param>
public sealed record TimerPlan(string Name, int DueMilliseconds, int? PeriodMilliseconds, int StopAfter = 0);

/// <summary>A record payload, to show JSON (camelCase) round trips of structured values.</summary>
public sealed record Profile(string DisplayName, IReadOnlyList<string> Tags, DateTimeOffset Since);
