using Dapr.Actors;

namespace Samsara.EmbeddedDapr.Tests.Sample;

/// <summary>A small actor exercising what the SDK asks of daprd: state, TTL, reminders, timers, reentrant calls.</summary>
public interface ICounterActor : IActor
{
    /// <summary>Reads the count, yields, writes it plus one: two turns that overlapped would lose an increment.</summary>
    Task<int> IncrementAsync();

    Task<int> CountAsync();

    Task SetWithTtlAsync(TtlValue value);

    Task<string?> GetAsync(string key);

    Task RemindAsync(ReminderRequest request);

    Task StartTimerAsync(ReminderRequest request);

    /// <summary>Calls <see cref="IncrementAsync"/> on itself through a proxy: completes only if the call may re-enter.</summary>
    Task<int> IncrementThroughSelfAsync();
}

public sealed record TtlValue(string Key, string Value, int Seconds);

public sealed record ReminderRequest(string Name, int DueMilliseconds, int PeriodMilliseconds);
