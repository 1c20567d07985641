using System.Text;
using Samsara.Actors;

namespace Samsara.Actors.Tests.Sample;

/// <summary>
/// A small actor exercising every part of the model: state, a failing turn, reminders (with a callback that
/// unregisters itself), timers, lifecycle hooks. It reports what happens to <see cref="ActorProbe"/>, a
/// singleton from DI, which shows that actors take services next to their <see cref="ActorHost"/>.
/// </summary>
[Actor(TypeName = "Counter")]
public sealed class CounterActor(ActorHost host, ActorProbe probe) : Actor(host), ICounterActor, IRemindable
{
    public async Task<int> IncrementAsync(int by)
    {
        var count = await ReadAsync("count") + by;
        await StateManager.SetStateAsync("count", count);
        return count;
    }

    public async Task<int> ReadAsync(string key)
    {
        var found = await StateManager.TryGetStateAsync<int>(key);
        return found.HasValue ? found.Value : 0;
    }

    public async Task IncrementThenFailAsync(int by)
    {
        await IncrementAsync(by);
        throw new InvalidOperationException($"boom after adding {by}");
    }

    public async Task<int> SlowIncrementAsync(int delayMilliseconds)
    {
        using (probe.Enter(Id))
        {
            await Task.Delay(delayMilliseconds);
            return await IncrementAsync(1);
        }
    }

    public async Task<bool> MeetAsync(int expected)
    {
        using (probe.Enter(Id))
        {
            return await probe.WaitForInFlightAsync(expected, TimeSpan.FromSeconds(3));
        }
    }

    public async Task RemindAsync(ReminderPlan plan)
    {
        await StateManager.SetStateAsync($"stopAfter:{plan.Name}", plan.StopAfter);
        await RegisterReminderAsync(plan.Name, Encoding.UTF8.GetBytes(plan.Note), TimeSpan.FromMilliseconds(plan.DueMilliseconds), Period(plan.PeriodMilliseconds));
    }

    public async Task RemindThenFailAsync(ReminderPlan plan)
    {
        await RemindAsync(plan);
        throw new InvalidOperationException("failed after registering a reminder");
    }

    public Task ForgetReminderAsync(string name) => UnregisterReminderAsync(name);

    public async Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        var delivered = await IncrementKeyAsync($"reminders:{reminderName}");
        probe.Record($"remind:{Id}:{reminderName}:{Encoding.UTF8.GetString(state)}:{dueTime.TotalMilliseconds}:{period.TotalMilliseconds}");
        if (delivered == await ReadAsync($"stopAfter:{reminderName}"))
        {
            await UnregisterReminderAsync(reminderName);
        }
    }

    public async Task StartTimerAsync(TimerPlan plan)
    {
        await StateManager.SetStateAsync($"timerStopAfter:{plan.Name}", plan.StopAfter);
        await RegisterTimerAsync(plan.Name, nameof(OnTickAsync), Encoding.UTF8.GetBytes(plan.Name), TimeSpan.FromMilliseconds(plan.DueMilliseconds), Period(plan.PeriodMilliseconds));
    }

    public Task StopTimerAsync(string name) => UnregisterTimerAsync(name);

    public async Task<Profile> SaveProfileAsync(Profile profile)
    {
        await StateManager.SetStateAsync("profile", profile);
        return await StateManager.GetStateAsync<Profile>("profile");
    }

    protected override Task OnActivateAsync()
    {
        probe.Record($"activate:{Id}");
        return Task.CompletedTask;
    }

    protected override Task OnDeactivateAsync()
    {
        probe.Record($"deactivate:{Id}");
        return Task.CompletedTask;
    }

    // A timer callback: found by name, given the bytes it was registered with (here, its own name).
    private async Task OnTickAsync(byte[] state)
    {
        var name = Encoding.UTF8.GetString(state);
        var ticks = await IncrementKeyAsync($"ticks:{name}");
        probe.Record($"tick:{Id}:{name}");
        if (ticks == await ReadAsync($"timerStopAfter:{name}"))
        {
            await UnregisterTimerAsync(name);
        }
    }

    private async Task<int> IncrementKeyAsync(string key)
    {
        var value = await ReadAsync(key) + 1;
        await StateManager.SetStateAsync(key, value);
        return value;
    }

    private static TimeSpan Period(int? milliseconds) =>
        milliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : Timeout.InfiniteTimeSpan;
}
