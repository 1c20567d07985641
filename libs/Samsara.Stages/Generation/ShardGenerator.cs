using System.Text.Json;
using Microsoft.Extensions.Logging;
using Samsara.Api.V1;
using Samsara.Artifacts;
using Samsara.Contracts;
using Samsara.Stages.Plan;
using Samsara.Stages.Cancellation;
using Samsara.Stages.Internal;

namespace Samsara.Stages.Generation;

/// <summary>The generator's work: generate the one shard a <see cref="GenerateShard"/> names (the RunActor decides which).</summary>
public sealed class ShardGenerator(RunSpecs specs, ArtifactStore store, RunCancellations cancellations, LocalModelSlots localModels,
                                   ILogger<ShardGenerator> logger)
{
    /// <summary>
    /// Generates the shard (resuming a partial file left by a killed generator), marks it done and returns the event
    /// to publish; a shard already marked is only announced again, under the same event id. Null when the run is
    /// cancelled, before or while the shard is generated (it stops between prompts): nothing is announced.
    /// </summary>
    public async Task<GenerationShardCompleted?> GenerateAsync(GenerateShard command, CancellationToken cancellationToken)
    {
        var runId = command.RunId;
        var workspace = specs.Workspace(runId).Round(command.Iteration);
        var marker = workspace.ShardMarker(command.ShardIndex);
        using (var running = cancellations.Start(runId, cancellationToken))
        {
            if (cancellations.IsCancelled(runId))
            {
                StagesLog.SkippedCancelled(logger, runId, PipelineStage.Generation);
                return null;
            }

            if (!File.Exists(marker))
            {
                var plan = await specs.LoadAsync(runId, command.SpecPath, cancellationToken).ConfigureAwait(false);
                var spec = plan.Spec;
                var generator = command.Iteration is null ? spec.Teacher : SamiIterations.GeneratorOf(specs.Workspace(runId), plan, command.Iteration);
                if (command.Iteration is not null && !File.Exists(Path.Combine(generator.Path, "config.json")))
                    throw new StageInputException($"iteration {command.Iteration.Number} of {command.Iteration.Algorithm.Name()} needs the previous iteration's model, and '{generator.Path}' holds none");
                try
                {
                    // A local model takes one of the process's local-model slots (one by default), waiting here, accepted.
                    using var slot = generator.Endpoint is null ? await localModels.TakeAsync(running.Token).ConfigureAwait(false) : null;
                    await GenerationStage.RunShardAsync(plan, workspace, command.ShardIndex,
                        log: note => StagesLog.ShardNote(logger, runId, command.ShardIndex, note), cancellationToken: running.Token,
                        generator: generator, iteration: command.Iteration?.Number ?? 1).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellations.IsCancelled(runId) && !cancellationToken.IsCancellationRequested)
                {
                    StagesLog.ShardCancelled(logger, runId, command.ShardIndex);
                    return null;
                }
                await store.WriteAllTextAsync(workspace.InStore(marker), MarkerText(generator), cancellationToken).ConfigureAwait(false);
                StagesLog.ShardGenerated(logger, runId, command.ShardIndex, command.ShardCount);
            }
        }

        return new GenerationShardCompleted
        {
            RunId = command.RunId,
            EventId = EventIds.For(command.RunId, $"{SamiIterations.Prefix(command.Iteration)}generate/{command.ShardIndex}"),
            OccurredAt = DateTimeOffset.UtcNow,
            ShardIndex = command.ShardIndex,
            ShardCount = command.ShardCount,
            ArtifactPath = workspace.InStore(workspace.GenerationShard(command.ShardIndex)),
            Iteration = command.Iteration,
        };
    }

    // The marker's text: when the shard was finished and by which model (a path, or an endpoint's model name).
    private static string MarkerText(ModelRef generator) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["generator"] = generator.Endpoint is { } endpoint ? $"{endpoint.BaseUrl}#{endpoint.Model}" : generator.Path,
        ["completed_at"] = DateTimeOffset.UtcNow.ToString("O"),
    });
}
