namespace Samsara.Actors.Internal.Dapr;

/// <summary>
/// Timers kept by daprd, which fires them only while the actor is active here and forgets them when it
/// deactivates. Unregistering the timer being delivered is answered with <c>X-DaprReminderCancel: true</c>.
/// </summary>
internal sealed class DaprTimerService(DaprSidecarClient sidecar) : IActorTimerService
{
    public Task RegisterAsync(ActorHost host, ActorTimer timer, CancellationToken cancellationToken)
    {
        if (host.Slot.CurrentTurn?.IsDelivering(TurnKind.Timer, timer.Name) == true)
        {
            host.Slot.CurrentTurn.CancelCallback = false;
        }

        return sidecar.RegisterTimerAsync(host.Slot.Key, timer, cancellationToken);
    }

    public Task UnregisterAsync(ActorHost host, string timerName, CancellationToken cancellationToken)
    {
        if (host.Slot.CurrentTurn is { } turn && turn.IsDelivering(TurnKind.Timer, timerName))
        {
            turn.CancelCallback = true;
            return Task.CompletedTask;
        }

        return sidecar.UnregisterTimerAsync(host.Slot.Key, timerName, cancellationToken);
    }
}
