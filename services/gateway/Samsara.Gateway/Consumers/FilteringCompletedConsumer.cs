using MassTransit;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Gateway.Actors;
using Samsara.Gateway.Flow;
using Samsara.Gateway.Runs;

namespace Samsara.Gateway.Consumers;

/// <summary>
/// The filter is done and the flow sends the next training: Filtering (so the history shows the stage even when no event
/// announced it) then Training, with the filter's kept/read counts and its output. An iteration of iterated SAMI
/// happens while the run is Training (states only move forward): it adds only its progress, "filter:sami:iter2".
/// </summary>
public sealed class FilteringCompletedConsumer(RunEventApplier applier) : IConsumer<FilteringCompleted>
{
    public Task Consume(ConsumeContext<FilteringCompleted> context)
    {
        var m = context.Message;
        var stage = RunEvents.StageName("filter", m.Iteration);
        var progress = RunEvents.Progress(m, stage, m.KeptCount, m.ReadCount, "examples kept", "progress");
        RunEvent[] events = m.Iteration is not null
            ? [progress]
            : [RunEvents.State(m, RunState.Filtering, "filtering"), progress, RunEvents.State(m, RunState.Training, "training")];
        return applier.ApplyAsync(m.RunId.ToString("D"), nameof(FilteringCompleted), events,
            new ArtifactRecord(stage, m.ArtifactPath), flow: new RoundFiltered(m.Iteration), ct: context.CancellationToken);
    }
}
