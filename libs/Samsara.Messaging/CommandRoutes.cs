using MassTransit;
using Samsara.Contracts;

namespace Samsara.Messaging;

/// <summary>
/// Where each command goes. Commands are sent to one queue (events are published to whoever subscribes), so the
/// queue's length is the backlog of that service and KEDA can scale it.
/// </summary>
public static class CommandRoutes
{
    /// <summary>The queue of each command type.</summary>
    public static IReadOnlyDictionary<Type, string> Queues { get; } = new Dictionary<Type, string>
    {
        [typeof(GenerateShard)] = QueueNames.Generator,
        [typeof(FilterRun)] = QueueNames.Filter,
        [typeof(TrainModel)] = QueueNames.Trainer,
        [typeof(EvaluationTask)] = QueueNames.Judge,
    };

    /// <summary>MassTransit's short address of a queue, <c>queue:samsara-judge</c>, valid on either transport.</summary>
    public static Uri AddressOf(string queueName) => new($"queue:{queueName}");

    /// <summary>Sends <paramref name="command"/> to the queue <see cref="Queues"/> names for its runtime type (the RunActor sends commands it holds as <see cref="IRunMessage"/>).</summary>
    public static async Task SendCommand<TCommand>(this ISendEndpointProvider endpoints, TCommand command, CancellationToken cancellationToken = default)
        where TCommand : class, IRunMessage
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(command);
        var type = command.GetType();
        if (!Queues.TryGetValue(type, out var queue))
            throw new ArgumentException($"{type.Name} has no queue in {nameof(CommandRoutes)}.{nameof(Queues)}.", nameof(command));
        var endpoint = await endpoints.GetSendEndpoint(AddressOf(queue)).ConfigureAwait(false);
        await endpoint.Send(command, type, cancellationToken).ConfigureAwait(false);
    }
}
