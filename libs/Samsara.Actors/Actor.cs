using Microsoft.Extensions.Logging;

namespace Samsara.Actors;

/// <summary>
/// Base class of every actor (Dapr's <c>Actor</c>). The runtime creates one instance per actor id on first
/// use and runs one call at a time on it (a turn): methods, reminder and timer callbacks never interleave,
/// and calls do not re-enter. State changes made in a turn are saved when the turn returns.
/// </summary>
public abstract class Actor
{
    protected Actor(ActorHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        Host = host;
        Id = host.Id;
        StateManager = host.State;
        Logger = host.LoggerFactory.CreateLogger(GetType());
    }

    public ActorHost Host { get; }

    public ActorId Id { get; }

    public IActorStateManager StateManager { get; }

    protected ILogger Logger { get; }

    protected IActorProxyFactory ProxyFactory => Host.ProxyFactory;

    /// <summary>Runs before the first turn of an activation; its state changes are saved on their own.</summary>
    protected virtual Task OnActivateAsync() => Task.CompletedTask;

    /// <summary>
    /// Runs when the runtime releases the instance (idle, or daprd asked). It is for releasing resources:
    /// state changes made here are not saved, because in the Dapr runtime the sidecar may no longer
    /// count the actor as hosted (400 ERR_ACTOR_INSTANCE_MISSING).
    /// </summary>
    protected virtual Task OnDeactivateAsync() => Task.CompletedTask;

    // The runtime's way in: the hooks stay protected for actor authors in every assembly.
    internal Task ActivateAsync() => OnActivateAsync();

    internal Task DeactivateAsync() => OnDeactivateAsync();

    /// <summary>
    /// Registers (or replaces) a durable reminder delivered to <see cref="IRemindable.ReceiveReminderAsync"/>.
    /// <paramref name="period"/> = <see cref="Timeout.InfiniteTimeSpan"/> fires once.
    /// </summary>
    protected async Task<ActorReminder> RegisterReminderAsync(string reminderName, byte[]? state, TimeSpan dueTime, TimeSpan period)
    {
        ActorReminder.Validate(reminderName, dueTime, period);
        if (this is not IRemindable)
        {
            throw new InvalidOperationException($"{GetType().Name} registers a reminder but does not implement IRemindable.");
        }

        var reminder = new ActorReminder(reminderName, state ?? [], dueTime, period);
        await Host.Reminders.RegisterAsync(Host.Slot.Key, Host.CurrentTurn, reminder, CancellationToken.None);
        return reminder;
    }

    /// <summary>Removes a reminder; unregistering the reminder being delivered stops it after this delivery.</summary>
    protected Task UnregisterReminderAsync(string reminderName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderName);
        return Host.Reminders.UnregisterAsync(Host.Slot.Key, Host.CurrentTurn, reminderName, CancellationToken.None);
    }

    /// <summary>
    /// Registers (or replaces) a timer that calls the instance method <paramref name="callback"/> while the
    /// actor stays active. A null name gets a random one.
    /// </summary>
    protected async Task<ActorTimer> RegisterTimerAsync(string? timerName, string callback, byte[]? callbackParams, TimeSpan dueTime, TimeSpan period)
    {
        timerName ??= Guid.NewGuid().ToString("N");
        ActorReminder.Validate(timerName, dueTime, period);
        ArgumentException.ThrowIfNullOrWhiteSpace(callback);
        _ = Host.Slot.Registration.GetTimerCallback(callback);
        var timer = new ActorTimer(timerName, callback, callbackParams ?? [], dueTime, period);
        await Host.Timers.RegisterAsync(Host, timer, CancellationToken.None);
        return timer;
    }

    protected Task UnregisterTimerAsync(string timerName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(timerName);
        return Host.Timers.UnregisterAsync(Host, timerName, CancellationToken.None);
    }
}
