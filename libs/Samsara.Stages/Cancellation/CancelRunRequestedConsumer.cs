using MassTransit;
using Samsara.Contracts;

namespace Samsara.Stages.Cancellation;

/// <summary>
/// Stops the run's work in this process (a training within a micro-batch, a generation between prompts), then announces
/// the run cancelled.
/// </summary>
public sealed class CancelRunRequestedConsumer(RunCancellations cancellations) : IConsumer<CancelRunRequested>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<CancelRunRequested> context)
    {
        var request = context.Message;
        await cancellations.CancelAsync(request.RunId, request.Reason, context.CancellationToken).ConfigureAwait(false);
        await context.Publish(new RunCancelled
        {
            RunId = request.RunId,
            // Every stage replica hears the request and announces it; one id makes the copies one event.
            EventId = EventIds.For(request.RunId, "cancelled"),
            OccurredAt = DateTimeOffset.UtcNow,
            Reason = request.Reason,
        }, context.CancellationToken).ConfigureAwait(false);
    }
}
