using System.Threading.Channels;
using MassTransit;
using Microsoft.Extensions.Logging;
using StepMetrics = Samsara.Alignment.Training.StepMetrics;
using Samsara.Api.V1;
using Samsara.Artifacts;
using Samsara.Contracts;
using Samsara.Pipeline.Plan;
using Samsara.Pipeline.Stages;
using Samsara.Messaging;
using Samsara.Stages.Cancellation;
using Samsara.Stages.Generation;
using Samsara.Stages.Internal;

namespace Samsara.Stages.Training;

/// <summary>
/// The trainer's work: train every algorithm of the run's spec, SFT first (DPO and SFT+SAMI start from its model),
/// publishing progress per step and a completion per algorithm. Each training resumes from its checkpoint, so a
/// redelivery after a killed trainer continues instead of starting over; a finished one (its marker written) is only
/// announced again.
/// </summary>
/// <remarks>
/// Iterated SAMI (<c>iterations: N</c>): the run's first round trains iteration 1 of every training; then, one
/// iteration at a time, the trainer sends the next iteration's <see cref="GenerateShard"/> commands, whose data the
/// previous iteration's model generates, and the filter's <see cref="FilteringCompleted"/> for that iteration brings it
/// back here to train from the base model again (<see cref="SamiIterations"/>). Only the last training of the last
/// round is <see cref="TrainingCompleted.IsLast"/>, so the judge still evaluates once, the final iterations' models.
/// </remarks>
public sealed class RunTrainer(RunSpecs specs, ArtifactStore store, RunCancellations cancellations, TrainingMonitor monitor, ILogger<RunTrainer> logger)
{
    /// <summary>
    /// The marker of a finished training, relative to the store root, written after its final model. A repeated
    /// FilteringCompleted (a new id, as from a replica that lost its processed-event store) then only announces the
    /// model: without it, resuming a finished training would still load the checkpoint and write the model again.
    /// </summary>
    public static string TrainedMarkerOf(Guid runId, string algorithm) => $"runs/{runId:D}/models/{algorithm}.done";

    /// <summary>The marker of iteration <paramref name="iteration"/> of an iterated training of <paramref name="iterations"/>.</summary>
    public static string TrainedMarkerOf(Guid runId, string algorithm, int iteration, int iterations) =>
        iterations <= 1 ? TrainedMarkerOf(runId, algorithm) : $"runs/{runId:D}/models/{algorithm}.iter{iteration}.done";

    /// <summary>Trains the run's round; returns quietly when the run is cancelled, throws when <paramref name="cancellationToken"/> fires.</summary>
    public async Task TrainAsync(FilteringCompleted filtered, IPublishEndpoint publish, ISendEndpointProvider send, CancellationToken cancellationToken)
    {
        var runId = filtered.RunId;
        if (filtered.KeptCount == 0)
            throw new StageInputException("the filter kept no examples: there is nothing to train on");
        var plan = await specs.LoadAsync(runId, null, cancellationToken).ConfigureAwait(false);
        var spec = plan.Spec;
        var workspace = specs.Workspace(runId);
        List<(TrainingSpec Training, int Iteration)> round = filtered.Iteration is { } iterated
            ? [(SamiIterations.TrainingOf(spec, iterated), iterated.Number)]
            : spec.Training.OrderBy(t => t.Algorithm == Algorithm.Sft ? 0 : 1).Select(t => (t, 1)).ToList();
        var next = SamiIterations.Next(spec, filtered.Iteration?.Algorithm, filtered.Iteration?.Number ?? 1);

        using var running = cancellations.Start(runId, cancellationToken);
        try
        {
            for (var i = 0; i < round.Count; i++)
            {
                var (training, iteration) = round[i];
                var algorithm = NameOf(training.Algorithm);
                var iterations = TrainingStage.Iterations(training);
                var isLast = next is null && i == round.Count - 1;
                var marker = TrainedMarkerOf(runId, algorithm, iteration, iterations);
                if (store.Exists(marker))
                {
                    StagesLog.AlreadyTrained(logger, runId, algorithm);
                    await AnnounceAsync(runId, algorithm, iteration, workspace.IterationModel(training.Algorithm, iteration, iterations), isLast, publish, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                monitor.Started(runId, algorithm, iteration);
                var progress = Channel.CreateUnbounded<StepMetrics>();
                // The stage reports steps synchronously on its own thread; the pump publishes them as they come.
                var pump = PublishProgressAsync(runId, algorithm, iteration, progress.Reader, publish);
                string checkpoint;
                try
                {
                    checkpoint = await Blocking.Run(() => TrainingStage.Run(plan, workspace, training, m => progress.Writer.TryWrite(m), iteration, running.Token))
                        .ConfigureAwait(false);
                }
                finally
                {
                    progress.Writer.Complete();
                    await pump.ConfigureAwait(false);
                    monitor.Finished(runId, algorithm);
                }

                await store.WriteAllTextAsync(marker, DateTimeOffset.UtcNow.ToString("O"), cancellationToken).ConfigureAwait(false);
                StagesLog.Trained(logger, runId, algorithm, checkpoint);
                await AnnounceAsync(runId, algorithm, iteration, checkpoint, isLast, publish, cancellationToken).ConfigureAwait(false);
            }

            // The next iteration's data: the same prompts, regenerated by the model just trained (or, for the next
            // iterated training, by its iteration 1). Sent again on a repeat; the generator's markers make that an announcement.
            if (next is not null && !cancellations.IsCancelled(runId))
                foreach (var command in ShardGenerator.Plan(runId, RunSpecs.PathOf(runId), plan, next))
                    await send.SendCommand(command, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellations.IsCancelled(runId) && !cancellationToken.IsCancellationRequested)
        {
            // The cancellation consumer announces RunCancelled once this training has stopped (Dispose releases it).
            StagesLog.TrainingCancelled(logger, runId);
        }
    }

    // Ids and names: iteration 1 is named as any training is; later iterations add "/iter{i}", so every one is announced.
    private static string IterationSuffix(int iteration) => iteration > 1 ? $"/iter{iteration}" : "";

    private Task AnnounceAsync(Guid runId, string algorithm, int iteration, string checkpoint, bool isLast, IPublishEndpoint publish, CancellationToken cancellationToken) =>
        publish.Publish(new TrainingCompleted
        {
            RunId = runId,
            EventId = EventIds.For(runId, $"train/{algorithm}{IterationSuffix(iteration)}"),
            OccurredAt = DateTimeOffset.UtcNow,
            Algorithm = algorithm,
            CheckpointPath = specs.Relative(checkpoint),
            IsLast = isLast,
            Iteration = iteration,
        }, cancellationToken);

    /// <summary>The algorithm as messages and paths name it: <c>sft</c>, <c>dpo</c>, <c>sami</c>, <c>sftsami</c>.</summary>
    public static string NameOf(Algorithm algorithm) => algorithm.ToString().ToLowerInvariant();

    private async Task PublishProgressAsync(Guid runId, string algorithm, int iteration, ChannelReader<StepMetrics> steps, IPublishEndpoint publish)
    {
        await foreach (var m in steps.ReadAllAsync().ConfigureAwait(false))
        {
            StagesLog.TrainingStep(logger, runId, algorithm, m.Step, m.TotalSteps, m.Loss);
            StageTelemetry.RecordStep(algorithm, m);
            monitor.Step(runId, algorithm, iteration, m);
            var metrics = new Dictionary<string, double>(m.Extra) { ["lr"] = m.LearningRate, ["grad_norm"] = m.GradNorm };
            await publish.Publish(new TrainingProgress
            {
                RunId = runId,
                EventId = EventIds.For(runId, $"train/{algorithm}{IterationSuffix(iteration)}/step/{m.Step}"),
                OccurredAt = DateTimeOffset.UtcNow,
                Algorithm = algorithm,
                Step = m.Step,
                TotalSteps = m.TotalSteps,
                Loss = m.Loss,
                Metrics = metrics,
                Iteration = iteration,
            }).ConfigureAwait(false);
        }
    }
}
