using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Samsara.Actors.Internal;

namespace Samsara.Actors;

/// <summary>
/// What the runtime hands an actor when it activates it (Dapr's <c>ActorHost</c>): its type and id, logging,
/// JSON options and a proxy factory for calling other actors. Actor constructors take it as a parameter
/// (next to any services they need from DI) and pass it to <see cref="Actor"/>.
/// </summary>
public sealed class ActorHost
{
    private readonly IServiceProvider services;

    internal ActorHost(ActorSlot slot, ActorStateManager state, IServiceProvider services, JsonSerializerOptions json)
    {
        Slot = slot;
        State = state;
        this.services = services;
        Id = new ActorId(slot.Key.Id);
        JsonSerializerOptions = json;
        LoggerFactory = services.GetRequiredService<ILoggerFactory>();
        Reminders = services.GetRequiredService<IActorReminderService>();
        Timers = services.GetRequiredService<IActorTimerService>();
    }

    /// <summary>The actor type name, as registered.</summary>
    public string ActorType => Slot.Key.Type;

    public ActorId Id { get; }

    public ILoggerFactory LoggerFactory { get; }

    public JsonSerializerOptions JsonSerializerOptions { get; }

    // Resolved on use: the proxy factory's invoker depends on the actor manager, which builds hosts.
    public IActorProxyFactory ProxyFactory => services.GetRequiredService<IActorProxyFactory>();

    internal ActorSlot Slot { get; }

    internal ActorStateManager State { get; }

    internal IActorReminderService Reminders { get; }

    internal IActorTimerService Timers { get; }

    /// <summary>The turn in progress; reminders and timers change only inside one, like state.</summary>
    internal ActorTurn CurrentTurn => Slot.CurrentTurn
        ?? throw new InvalidOperationException($"Actor {Slot.Key} is not in a turn: reminders and timers can only be changed from the actor's own methods and callbacks.");
}
