using MassTransit;
using Samsara.Api.Runs;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Gateway.Runs;

namespace Samsara.Gateway.Consumers;

/// <summary>
/// A stage confirmed the cancellation. CancelRun already marked the run Cancelled; this event has the same id
/// (RunTransitions.Finish's), so it only matters when the cancellation came from elsewhere.
/// </summary>
public sealed class RunCancelledConsumer(RunEventApplier applier) : IConsumer<RunCancelled>
{
    public Task Consume(ConsumeContext<RunCancelled> context)
    {
        var m = context.Message;
        return applier.ApplyAsync(m, RunTransitions.Finish(m.RunId.ToString("D"), RunState.Cancelled, m.Reason, m.OccurredAt));
    }
}
