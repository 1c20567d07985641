using Microsoft.Extensions.Logging;
using Samsara.Artifacts;
using Samsara.Contracts;
using Samsara.Pipeline.Stages;
using Samsara.Stages.Cancellation;
using Samsara.Stages.Internal;

namespace Samsara.Stages.Generation;

/// <summary>The generator's work: split a run into shard commands, and generate one shard.</summary>
public sealed class ShardGenerator(RunSpecs specs, ArtifactStore store, RunCancellations cancellations, ILogger<ShardGenerator> logger)
{
    /// <summary>
    /// One <see cref="GenerateShard"/> per shard of the run's prompts; the spec, not the request, decides how many.
    /// None for a run cancelled already.
    /// </summary>
    public async Task<IReadOnlyList<GenerateShard>> PlanAsync(RunRequested request, CancellationToken cancellationToken)
    {
        if (cancellations.IsCancelled(request.RunId))
        {
            StagesLog.SkippedCancelled(logger, request.RunId, PipelineStage.Generation);
            return [];
        }
        var spec = await specs.LoadAsync(request.RunId, request.SpecPath, cancellationToken).ConfigureAwait(false);
        var count = GenerationStage.ShardCount(spec);
        StagesLog.ShardsPlanned(logger, request.RunId, count);
        return Enumerable.Range(0, count).Select(shard => new GenerateShard
        {
            RunId = request.RunId,
            EventId = EventIds.For(request.RunId, $"generate-shard/{shard}"),
            OccurredAt = DateTimeOffset.UtcNow,
            SpecPath = request.SpecPath,
            ShardIndex = shard,
            ShardCount = count,
        }).ToList();
    }

    /// <summary>
    /// Generates the shard (resuming a partial file left by a killed generator), marks it done and returns the event
    /// to publish; a shard already marked is only announced again, under the same event id. Null when the run is
    /// cancelled, before or while the shard is generated (it stops between prompts): nothing is announced.
    /// </summary>
    public async Task<GenerationShardCompleted?> GenerateAsync(GenerateShard command, CancellationToken cancellationToken)
    {
        var runId = command.RunId;
        var workspace = specs.Workspace(runId);
        var marker = ShardMarkers.PathOf(runId, command.ShardIndex);
        using (var running = cancellations.Start(runId, cancellationToken))
        {
            if (cancellations.IsCancelled(runId))
            {
                StagesLog.SkippedCancelled(logger, runId, PipelineStage.Generation);
                return null;
            }

            if (!store.Exists(marker))
            {
                var spec = await specs.LoadAsync(runId, command.SpecPath, cancellationToken).ConfigureAwait(false);
                try
                {
                    await Blocking.Run(() => GenerationStage.RunShard(spec, workspace, command.ShardIndex,
                        log: note => StagesLog.ShardNote(logger, runId, command.ShardIndex, note), cancellationToken: running.Token)).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellations.IsCancelled(runId) && !cancellationToken.IsCancellationRequested)
                {
                    StagesLog.ShardCancelled(logger, runId, command.ShardIndex);
                    return null;
                }
                await store.WriteAllTextAsync(marker, DateTimeOffset.UtcNow.ToString("O"), cancellationToken).ConfigureAwait(false);
                StagesLog.ShardGenerated(logger, runId, command.ShardIndex, command.ShardCount);
            }
        }

        return new GenerationShardCompleted
        {
            RunId = command.RunId,
            EventId = EventIds.For(command.RunId, $"generate/{command.ShardIndex}"),
            OccurredAt = DateTimeOffset.UtcNow,
            ShardIndex = command.ShardIndex,
            ShardCount = command.ShardCount,
            ArtifactPath = specs.Relative(workspace.GenerationShard(command.ShardIndex)),
        };
    }
}
