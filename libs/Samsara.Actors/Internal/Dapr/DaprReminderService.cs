namespace Samsara.Actors.Internal.Dapr;

/// <summary>
/// Reminders kept by daprd. Registration takes effect at once (daprd has no transaction spanning state and
/// reminders). Unregistering the reminder being delivered is answered with <c>X-DaprReminderCancel: true</c>
/// instead of a DELETE from inside daprd's own callback.
/// </summary>
internal sealed class DaprReminderService(DaprSidecarClient sidecar) : IActorReminderService
{
    public Task RegisterAsync(ActorKey actor, ActorTurn turn, ActorReminder reminder, CancellationToken cancellationToken)
    {
        if (turn.IsDelivering(TurnKind.Reminder, reminder.Name))
        {
            turn.CancelCallback = false; // re-registered after unregistering: keep it
        }

        return sidecar.RegisterReminderAsync(actor, reminder, cancellationToken);
    }

    public Task UnregisterAsync(ActorKey actor, ActorTurn turn, string reminderName, CancellationToken cancellationToken)
    {
        if (turn.IsDelivering(TurnKind.Reminder, reminderName))
        {
            turn.CancelCallback = true;
            return Task.CompletedTask;
        }

        return sidecar.UnregisterReminderAsync(actor, reminderName, cancellationToken);
    }
}
