using System.Text;
using Dapr.Actors;
using Dapr.Actors.Runtime;

namespace Samsara.EmbeddedDapr.Tests.Sample;

public sealed class CounterActor(ActorHost host, ActorProbe probe) : Actor(host), ICounterActor, IRemindable
{
    private const string CountKey = "count";

    public async Task<int> IncrementAsync()
    {
        using var _ = probe.Enter(Id.GetId());
        var count = await StateManager.GetOrAddStateAsync(CountKey, 0);
        await Task.Delay(10);
        await StateManager.SetStateAsync(CountKey, count + 1);
        return count + 1;
    }

    public Task<int> CountAsync() => StateManager.GetOrAddStateAsync(CountKey, 0);

    public Task SetWithTtlAsync(TtlValue value) => StateManager.SetStateAsync(value.Key, value.Value, TimeSpan.FromSeconds(value.Seconds));

    public async Task<string?> GetAsync(string key)
    {
        var found = await StateManager.TryGetStateAsync<string>(key);
        return found.HasValue ? found.Value : null;
    }

    public Task RemindAsync(ReminderRequest request) =>
        RegisterReminderAsync(request.Name, Encoding.UTF8.GetBytes(request.Name), TimeSpan.FromMilliseconds(request.DueMilliseconds), Period(request));

    public Task StartTimerAsync(ReminderRequest request) =>
        RegisterTimerAsync(request.Name, nameof(OnTimerAsync), Encoding.UTF8.GetBytes(request.Name), TimeSpan.FromMilliseconds(request.DueMilliseconds), Period(request));

    public async Task<int> IncrementThroughSelfAsync()
    {
        var self = ProxyFactory.CreateActorProxy<ICounterActor>(Id, nameof(CounterActor));
        return await self.IncrementAsync();
    }

    public Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        probe.Record($"remind {Id.GetId()} {reminderName} {Encoding.UTF8.GetString(state)}");
        return Task.CompletedTask;
    }

    public Task OnTimerAsync(byte[] data)
    {
        probe.Record($"timer {Id.GetId()} {Encoding.UTF8.GetString(data)}");
        return Task.CompletedTask;
    }

    protected override Task OnDeactivateAsync()
    {
        probe.Record($"deactivate {Id.GetId()}");
        return Task.CompletedTask;
    }

    // A zero period means once (the SDK's "never" is -1 ms).
    private static TimeSpan Period(ReminderRequest request) =>
        request.PeriodMilliseconds > 0 ? TimeSpan.FromMilliseconds(request.PeriodMilliseconds) : Timeout.InfiniteTimeSpan;
}
