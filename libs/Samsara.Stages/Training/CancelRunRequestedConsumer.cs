using MassTransit;
using Samsara.Contracts;

namespace Samsara.Stages.Training;

/// <summary>Stops the run's training in this process (within a micro-batch), then announces the run cancelled.</summary>
public sealed class CancelRunRequestedConsumer(RunCancellations cancellations) : IConsumer<CancelRunRequested>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<CancelRunRequested> context)
    {
        var request = context.Message;
        await cancellations.CancelAsync(request.RunId, request.Reason).ConfigureAwait(false);
        await context.Publish(new RunCancelled
        {
            RunId = request.RunId,
            // Every trainer replica hears the request and announces it; one id makes the copies one event.
            EventId = EventIds.For(request.RunId, "cancelled"),
            OccurredAt = DateTimeOffset.UtcNow,
            Reason = request.Reason,
        }, context.CancellationToken).ConfigureAwait(false);
    }
}
