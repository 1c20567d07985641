using System.Threading.Channels;
using MassTransit;
using Microsoft.Extensions.Logging;
using StepMetrics = Samsara.Alignment.Training.StepMetrics;
using Samsara.Api.V1;
using Samsara.Artifacts;
using Samsara.Contracts;
using Samsara.Pipeline.Stages;
using Samsara.Stages.Cancellation;
using Samsara.Stages.Internal;

namespace Samsara.Stages.Training;

/// <summary>
/// The trainer's work: train every algorithm of the run's spec, SFT first (DPO and SFT+SAMI start from its model),
/// publishing progress per step and a completion per algorithm. Each training resumes from its checkpoint, so a
/// redelivery after a killed trainer continues instead of starting over; a finished one (its marker written) is only
/// announced again.
/// </summary>
public sealed class RunTrainer(RunSpecs specs, ArtifactStore store, RunCancellations cancellations, ILogger<RunTrainer> logger)
{
    /// <summary>
    /// The marker of a finished training, relative to the store root, written after its final model. A repeated
    /// FilteringCompleted (a new id, as from a replica that lost its processed-event store) then only announces the
    /// model: without it, resuming a finished training would still load the checkpoint and write the model again.
    /// </summary>
    public static string TrainedMarkerOf(Guid runId, string algorithm) => $"runs/{runId:D}/models/{algorithm}.done";

    /// <summary>Trains the run; returns quietly when the run is cancelled, throws when <paramref name="cancellationToken"/> fires.</summary>
    public async Task TrainAsync(FilteringCompleted filtered, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        var runId = filtered.RunId;
        if (filtered.KeptCount == 0)
            throw new StageInputException("the filter kept no examples: there is nothing to train on");
        var spec = await specs.LoadAsync(runId, null, cancellationToken).ConfigureAwait(false);
        var workspace = specs.Workspace(runId);
        var trainings = spec.Training.OrderBy(t => t.Algorithm == Algorithm.Sft ? 0 : 1).ToList();

        using var running = cancellations.Start(runId, cancellationToken);
        try
        {
            for (var i = 0; i < trainings.Count; i++)
            {
                var training = trainings[i];
                var algorithm = NameOf(training.Algorithm);
                var marker = TrainedMarkerOf(runId, algorithm);
                if (store.Exists(marker))
                {
                    StagesLog.AlreadyTrained(logger, runId, algorithm);
                    await AnnounceAsync(runId, algorithm, workspace.Model(training.Algorithm), i == trainings.Count - 1, publish, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var progress = Channel.CreateUnbounded<StepMetrics>();
                // The stage reports steps synchronously on its own thread; the pump publishes them as they come.
                var pump = PublishProgressAsync(runId, algorithm, progress.Reader, publish);
                string checkpoint;
                try
                {
                    checkpoint = await Blocking.Run(() => TrainingStage.Run(spec, workspace, training, m => progress.Writer.TryWrite(m), running.Token))
                        .ConfigureAwait(false);
                }
                finally
                {
                    progress.Writer.Complete();
                    await pump.ConfigureAwait(false);
                }

                await store.WriteAllTextAsync(marker, DateTimeOffset.UtcNow.ToString("O"), cancellationToken).ConfigureAwait(false);
                StagesLog.Trained(logger, runId, algorithm, checkpoint);
                await AnnounceAsync(runId, algorithm, checkpoint, i == trainings.Count - 1, publish, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellations.IsCancelled(runId) && !cancellationToken.IsCancellationRequested)
        {
            // The cancellation consumer announces RunCancelled once this training has stopped (Dispose releases it).
            StagesLog.TrainingCancelled(logger, runId);
        }
    }

    private Task AnnounceAsync(Guid runId, string algorithm, string checkpoint, bool isLast, IPublishEndpoint publish, CancellationToken cancellationToken) =>
        publish.Publish(new TrainingCompleted
        {
            RunId = runId,
            EventId = EventIds.For(runId, $"train/{algorithm}"),
            OccurredAt = DateTimeOffset.UtcNow,
            Algorithm = algorithm,
            CheckpointPath = specs.Relative(checkpoint),
            IsLast = isLast,
        }, cancellationToken);

    /// <summary>The algorithm as messages and paths name it: <c>sft</c>, <c>dpo</c>, <c>sami</c>, <c>sftsami</c>.</summary>
    public static string NameOf(Algorithm algorithm) => algorithm.ToString().ToLowerInvariant();

    private async Task PublishProgressAsync(Guid runId, string algorithm, ChannelReader<StepMetrics> steps, IPublishEndpoint publish)
    {
        await foreach (var m in steps.ReadAllAsync().ConfigureAwait(false))
        {
            StagesLog.TrainingStep(logger, runId, algorithm, m.Step, m.TotalSteps, m.Loss);
            var metrics = new Dictionary<string, double>(m.Extra) { ["lr"] = m.LearningRate, ["grad_norm"] = m.GradNorm };
            await publish.Publish(new TrainingProgress
            {
                RunId = runId,
                EventId = EventIds.For(runId, $"train/{algorithm}/step/{m.Step}"),
                OccurredAt = DateTimeOffset.UtcNow,
                Algorithm = algorithm,
                Step = m.Step,
                TotalSteps = m.TotalSteps,
                Loss = m.Loss,
                Metrics = metrics,
            }).ConfigureAwait(false);
        }
    }
}
