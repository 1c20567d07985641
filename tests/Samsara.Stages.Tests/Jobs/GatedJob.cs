using System.Collections.Concurrent;
using MassTransit;
using Samsara.Contracts;
using Samsara.Stages.Jobs;

namespace Samsara.Stages.Tests.Jobs;

/// <summary>
/// A job that stands for a long training: each run's job waits until the test opens that run's gate (or the job is
/// cancelled), then announces <see cref="TrainingCompleted"/>. It counts how often each run's job was started.
/// </summary>
internal sealed class GatedJob : IStageJob<TrainModel>
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _gates = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _entered = new();
    private readonly ConcurrentDictionary<Guid, int> _starts = new();

    public string Kind => "gated";

    public PipelineStage Stage => PipelineStage.Training;

    public int MaxConcurrent => 4;

    public string KeyOf(TrainModel message) => Kind;

    public TrainModel WithEventId(TrainModel message, Guid eventId) => message with { EventId = eventId };

    public int StartsOf(Guid runId) => _starts.GetValueOrDefault(runId);

    /// <summary>Completes when run <paramref name="runId"/>'s job has started and waits at its gate.</summary>
    public Task Entered(Guid runId) => Signal(_entered, runId).Task;

    public void Open(Guid runId) => Signal(_gates, runId).TrySetResult();

    public async Task RunAsync(TrainModel message, IBus bus, CancellationToken cancellationToken)
    {
        _starts.AddOrUpdate(message.RunId, 1, (_, n) => n + 1);
        Signal(_entered, message.RunId).TrySetResult();
        await Signal(_gates, message.RunId).Task.WaitAsync(cancellationToken);
        await bus.Publish(new TrainingCompleted
        {
            RunId = message.RunId,
            EventId = EventIds.For(message.RunId, "train/gated"),
            OccurredAt = DateTimeOffset.UtcNow,
            Algorithm = TrainingAlgorithm.Sft,
            CheckpointPath = $"runs/{message.RunId:D}/models/sft",
            Iteration = 1,
        }, cancellationToken);
    }

    private static TaskCompletionSource Signal(ConcurrentDictionary<Guid, TaskCompletionSource> signals, Guid runId) =>
        signals.GetOrAdd(runId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

/// <summary>Accepts <see cref="TrainModel"/> as the trainer's consumer does, for the <see cref="GatedJob"/>.</summary>
internal sealed class GatedJobConsumer(StageJobs jobs, GatedJob job) : IConsumer<TrainModel>
{
    public Task Consume(ConsumeContext<TrainModel> context) => jobs.AcceptAsync(job, context);
}
