using MassTransit;
using Samsara.Api.Runs;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Gateway.Runs;
using Samsara.Messaging;

namespace Samsara.Gateway.Consumers;

/// <summary>
/// A stage's message failed every retry and went to its <c>_error</c> queue: MassTransit then publishes
/// <see cref="Fault{T}"/>, and the run is Failed with the exception's message (docs/architecture.md §10). One class for every
/// message a stage consumes, since all of them fail the same way; <see cref="StageFaultedConsumer"/> covers the input
/// errors a stage reports itself.
/// </summary>
/// <remarks>
/// The failure event has the id RunTransitions.Finish gives a Failed run, so a second fault of the same run (another
/// shard, a redelivered fault) is one event, and a run already final (Cancelled, Completed) stays as it is.
/// A fault of the gateway's own queue is not the run's failure: the gateway could not record an event, and the run's
/// work goes on; that message waits in the gateway's error queue for an operator.
/// </remarks>
public sealed class StageMessageFaultedConsumer<TMessage>(RunEventApplier applier) : IConsumer<Fault<TMessage>>
    where TMessage : class, IRunMessage
{
    public Task Consume(ConsumeContext<Fault<TMessage>> context)
    {
        var fault = context.Message;
        if (QueueNames.NameOf(context.SourceAddress) == QueueNames.GatewayRunEvents) return Task.CompletedTask;
        var runId = fault.Message.RunId.ToString("D");
        var reason = $"{StageOf(typeof(TMessage))}: {ReasonOf(fault)}";
        return applier.ApplyAsync(runId, $"Fault<{typeof(TMessage).Name}>", [RunTransitions.Finish(runId, RunState.Failed, reason, fault.Timestamp)],
            ct: context.CancellationToken);
    }

    /// <summary>The stage that consumes <paramref name="message"/>, as StageFaulted names it.</summary>
    private static PipelineStage StageOf(Type message) => message.Name switch
    {
        nameof(GenerateShard) => PipelineStage.Generation,
        nameof(FilterRun) => PipelineStage.Filtering,
        nameof(TrainModel) => PipelineStage.Training,
        nameof(EvaluationTask) => PipelineStage.Evaluation,
        _ => throw new ArgumentException($"{message.Name} is not a message a stage consumes", nameof(message)),
    };

    private static string ReasonOf(Fault<TMessage> fault) =>
        fault.Exceptions is [{ Message.Length: > 0 } thrown, ..] ? thrown.Message : "its consumer failed every retry";
}
