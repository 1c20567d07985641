namespace Samsara.Actors.Internal;

/// <summary>How a runtime records reminder registrations made by an actor during a turn.</summary>
internal interface IActorReminderService
{
    Task RegisterAsync(ActorKey actor, ActorTurn turn, ActorReminder reminder, CancellationToken cancellationToken);

    Task UnregisterAsync(ActorKey actor, ActorTurn turn, string reminderName, CancellationToken cancellationToken);
}
