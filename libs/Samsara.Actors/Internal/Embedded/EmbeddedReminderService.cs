namespace Samsara.Actors.Internal.Embedded;

/// <summary>
/// Reminder registrations in the embedded runtime: recorded on the turn and written with its state in one
/// transaction, so they take effect exactly when the turn commits.
/// </summary>
internal sealed class EmbeddedReminderService(TimeProvider clock) : IActorReminderService
{
    public Task RegisterAsync(ActorKey actor, ActorTurn turn, ActorReminder reminder, CancellationToken cancellationToken)
    {
        turn.ReminderChanges.Add(new ReminderRegistered(ReminderRecord.Register(actor, reminder, clock.GetUtcNow())));
        return Task.CompletedTask;
    }

    public Task UnregisterAsync(ActorKey actor, ActorTurn turn, string reminderName, CancellationToken cancellationToken)
    {
        turn.ReminderChanges.Add(new ReminderUnregistered(reminderName));
        return Task.CompletedTask;
    }
}
