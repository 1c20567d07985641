namespace Samsara.Actors.Internal;

/// <summary>How a runtime runs an active actor's timers.</summary>
internal interface IActorTimerService
{
    Task RegisterAsync(ActorHost host, ActorTimer timer, CancellationToken cancellationToken);

    Task UnregisterAsync(ActorHost host, string timerName, CancellationToken cancellationToken);
}
