using System.Threading.Channels;
using MassTransit;
using Microsoft.Extensions.Logging;
using StepMetrics = Samsara.Alignment.Training.StepMetrics;
using Samsara.Artifacts;
using Samsara.Contracts;
using Samsara.Stages.Plan;
using Samsara.Stages.Cancellation;
using Samsara.Stages.Internal;

namespace Samsara.Stages.Training;

/// <summary>
/// The trainer's work: train the one model a <see cref="TrainModel"/> names (an iteration of one training of the
/// run's spec), publishing progress per step and its completion. The RunActor decides the order (SFT first: DPO and
/// SFT+SAMI start from its model; iterated SAMI's later iterations after their data is regenerated). The training
/// resumes from its checkpoint, so a redelivery after a killed trainer continues instead of starting over; a finished
/// one (its marker written) is only announced again.
/// </summary>
public sealed class RunTrainer(RunSpecs specs, ArtifactStore store, RunCancellations cancellations, TrainingMonitor monitor, ILogger<RunTrainer> logger)
{
    /// <summary>Trains the model; returns quietly when the run is cancelled, throws when <paramref name="cancellationToken"/> fires.</summary>
    public async Task TrainAsync(TrainModel command, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        var (runId, iteration) = (command.RunId, command.Iteration);
        var plan = await specs.LoadAsync(runId, null, cancellationToken).ConfigureAwait(false);
        var workspace = specs.Workspace(runId);
        var training = plan.Training.FirstOrDefault(t => t.Algorithm == command.Algorithm)
            ?? throw new StageInputException($"the run's spec has no '{command.Algorithm.Name()}' training");
        var algorithm = training.Algorithm;
        var name = algorithm.Name();   // logged as the workspace names it (sft, sftsami)
        var iterations = training.Iterations;
        if (iteration < 1 || iteration > iterations)
            throw new StageInputException($"the run's spec has no iteration {iteration} of its '{name}' training ({iterations} in all)");
        // Written after the final model: a repeated TrainModel (a re-dispatch, under a new id) then only announces the
        // model; without it, resuming a finished training would still load the checkpoint and write the model again.
        var marker = workspace.TrainedMarker(algorithm, iteration, iterations);
        if (File.Exists(marker))
        {
            StagesLog.AlreadyTrained(logger, runId, name);
            await AnnounceAsync(runId, workspace, algorithm, iteration, workspace.IterationModel(algorithm, iteration, iterations), publish, cancellationToken).ConfigureAwait(false);
            return;
        }

        using var running = cancellations.Start(runId, cancellationToken);
        try
        {
            monitor.Started(runId, algorithm, iteration);
            var progress = Channel.CreateUnbounded<StepMetrics>();
            // The stage reports steps synchronously on its own thread; the pump publishes them as they come.
            var pump = PublishProgressAsync(runId, algorithm, iteration, progress.Reader, publish);
            string checkpoint;
            try
            {
                checkpoint = await Blocking.Run(() => TrainingStage.Run(plan, workspace, algorithm, m => progress.Writer.TryWrite(m), iteration, running.Token))
                    .ConfigureAwait(false);
            }
            finally
            {
                progress.Writer.Complete();
                await pump.ConfigureAwait(false);
                monitor.Finished(runId, algorithm);
            }

            await store.WriteAllTextAsync(workspace.InStore(marker), DateTimeOffset.UtcNow.ToString("O"), cancellationToken).ConfigureAwait(false);
            StagesLog.Trained(logger, runId, name, checkpoint);
            await AnnounceAsync(runId, workspace, algorithm, iteration, checkpoint, publish, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellations.IsCancelled(runId) && !cancellationToken.IsCancellationRequested)
        {
            // The cancellation consumer announces RunCancelled once this training has stopped (Dispose releases it).
            StagesLog.TrainingCancelled(logger, runId);
        }
    }

    // Ids and names: iteration 1 is named as any training is; later iterations add "/iter{i}", so every one is announced.
    private static string IterationSuffix(int iteration) => iteration > 1 ? $"/iter{iteration}" : "";

    private static Task AnnounceAsync(Guid runId, RunWorkspace workspace, TrainingAlgorithm algorithm, int iteration, string checkpoint, IPublishEndpoint publish, CancellationToken cancellationToken) =>
        publish.Publish(new TrainingCompleted
        {
            RunId = runId,
            EventId = EventIds.For(runId, $"train/{algorithm.Name()}{IterationSuffix(iteration)}"),
            OccurredAt = DateTimeOffset.UtcNow,
            Algorithm = algorithm,
            CheckpointPath = workspace.InStore(checkpoint),
            Iteration = iteration,
        }, cancellationToken);

    private async Task PublishProgressAsync(Guid runId, TrainingAlgorithm algorithm, int iteration, ChannelReader<StepMetrics> steps, IPublishEndpoint publish)
    {
        var name = algorithm.Name();
        await foreach (var m in steps.ReadAllAsync().ConfigureAwait(false))
        {
            StagesLog.TrainingStep(logger, runId, name, m.Step, m.TotalSteps, m.Loss);
            StageTelemetry.RecordStep(algorithm, m);
            monitor.Step(runId, algorithm, iteration, m);
            var metrics = new Dictionary<string, double>(m.Extra) { ["lr"] = m.LearningRate, ["grad_norm"] = m.GradNorm };
            await publish.Publish(new TrainingProgress
            {
                RunId = runId,
                EventId = EventIds.For(runId, $"train/{algorithm.Name()}{IterationSuffix(iteration)}/step/{m.Step}"),
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
