using Samsara.Actors;

namespace Samsara.Actors.Tests.Sample;

/// <summary>
/// A typed client over <see cref="ActorProxy"/>: the way services call an actor by id without strings
/// scattered around. Method names are the interface's, since the protocol routes by method name.
/// </summary>
public sealed class CounterClient(ActorProxy proxy) : ICounterActor
{
    public static CounterClient For(IActorProxyFactory proxies, string id) => new(proxies.Create(new ActorId(id), "Counter"));

    public Task<int> IncrementAsync(int by) => proxy.InvokeMethodAsync<int, int>(nameof(IncrementAsync), by);

    public Task<int> ReadAsync(string key) => proxy.InvokeMethodAsync<string, int>(nameof(ReadAsync), key);

    public Task IncrementThenFailAsync(int by) => proxy.InvokeMethodAsync(nameof(IncrementThenFailAsync), by);

    public Task<int> SlowIncrementAsync(int delayMilliseconds) => proxy.InvokeMethodAsync<int, int>(nameof(SlowIncrementAsync), delayMilliseconds);

    public Task<bool> MeetAsync(int expected) => proxy.InvokeMethodAsync<int, bool>(nameof(MeetAsync), expected);

    public Task RemindAsync(ReminderPlan plan) => proxy.InvokeMethodAsync(nameof(RemindAsync), plan);

    public Task RemindThenFailAsync(ReminderPlan plan) => proxy.InvokeMethodAsync(nameof(RemindThenFailAsync), plan);

    public Task ForgetReminderAsync(string name) => proxy.InvokeMethodAsync(nameof(ForgetReminderAsync), name);

    public Task StartTimerAsync(TimerPlan plan) => proxy.InvokeMethodAsync(nameof(StartTimerAsync), plan);

    public Task StopTimerAsync(string name) => proxy.InvokeMethodAsync(nameof(StopTimerAsync), name);

    public Task<Profile> SaveProfileAsync(Profile profile) => proxy.InvokeMethodAsync<Profile, Profile>(nameof(SaveProfileAsync), profile);
}
