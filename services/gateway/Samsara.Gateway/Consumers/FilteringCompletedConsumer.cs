using MassTransit;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Gateway.Actors;
using Samsara.Gateway.Runs;

namespace Samsara.Gateway.Consumers;

/// <summary>
/// The filter is done and the trainer takes over: Filtering (so the history shows the stage even when no event
/// announced it) then Training, with the filter's kept/read counts and its output.
/// </summary>
public sealed class FilteringCompletedConsumer(RunEventApplier applier) : IConsumer<FilteringCompleted>
{
    public Task Consume(ConsumeContext<FilteringCompleted> context)
    {
        var m = context.Message;
        RunEvent[] events =
        [
            RunEvents.State(m, RunState.Filtering, "filtering"),
            RunEvents.Progress(m, "filter", m.KeptCount, m.ReadCount, "examples kept", "progress"),
            RunEvents.State(m, RunState.Training, "training"),
        ];
        return applier.ApplyAsync(m.RunId.ToString("D"), nameof(FilteringCompleted), events,
            new ArtifactRecord("filter", m.ArtifactPath), ct: context.CancellationToken);
    }
}
