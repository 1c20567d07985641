using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Samsara.Artifacts;
using Samsara.Contracts;
using Samsara.Stages.Cancellation;
using Samsara.Stages.Generation;
using Samsara.Stages.Internal;

namespace Samsara.Stages.Filtering;

/// <summary>
/// The filter's work: filter a round of a run once the RunActor says every shard is in, exactly once. The effect is
/// guarded by a marker written atomically after filtering: a second command (a redelivery, a re-dispatch with another
/// id) finds it and only announces the result again.
/// </summary>
public sealed class RunFilter(RunSpecs specs, ArtifactStore store, RunCancellations cancellations, ILogger<RunFilter> logger)
{
    // Serializes the check-then-filter of one run in this process; across replicas the marker and the stage's
    // deterministic, atomic outputs keep a rare concurrent double filtering harmless.
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _gates = new();

    /// <summary>
    /// The event to publish once the round is filtered, or null when the run is cancelled (checked before and after
    /// filtering, which itself is one uninterrupted step). A shard without its done marker is bad input: the command
    /// came before its data.
    /// </summary>
    public async Task<FilteringCompleted?> FilterAsync(FilterRun command, CancellationToken cancellationToken)
    {
        var (runId, iteration) = (command.RunId, command.Iteration);
        if (cancellations.IsCancelled(runId))
        {
            StagesLog.SkippedCancelled(logger, runId, PipelineStage.Filtering);
            return null;
        }

        var round = specs.Workspace(runId).Round(iteration);
        var missing = Enumerable.Range(0, command.ShardCount).Where(i => !File.Exists(round.ShardMarker(i))).ToList();
        if (missing.Count > 0)
            throw new StageInputException($"filtering needs every shard generated, and {missing.Count} of {command.ShardCount} are not (first: shard {missing[0]})");

        var gate = _gates.GetOrAdd(runId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var summary = File.Exists(round.FilterMarker)
                ? await ReadSummaryAsync(runId, round, cancellationToken).ConfigureAwait(false)
                : await FilterRoundAsync(runId, round, iteration, cancellationToken).ConfigureAwait(false);
            if (cancellations.IsCancelled(runId))
            {
                StagesLog.SkippedCancelled(logger, runId, PipelineStage.Filtering);
                return null;
            }
            return new FilteringCompleted
            {
                RunId = runId,
                EventId = EventIds.For(runId, $"{SamiIterations.Prefix(iteration)}filter"),
                OccurredAt = DateTimeOffset.UtcNow,
                ReadCount = summary.Read,
                KeptCount = summary.Kept,
                ArtifactPath = round.InStore(round.Kept),
                Iteration = iteration,
            };
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<FilterSummary> FilterRoundAsync(Guid runId, RunWorkspace round, SamiIteration? iteration, CancellationToken cancellationToken)
    {
        var plan = await specs.LoadAsync(runId, null, cancellationToken).ConfigureAwait(false);
        var report = await Blocking.Run(() => FilterStage.Run(plan, round)).ConfigureAwait(false);
        var summary = new FilterSummary(report.Read, report.Kept);
        if (summary.Kept == 0)
            throw new StageInputException($"the filter kept none of the {summary.Read} generations{(iteration is null ? "" : $" of SAMI iteration {iteration.Number}")} ({report.Summary()})");
        await store.WriteAllTextAsync(round.InStore(round.FilterMarker), JsonSerializer.Serialize(summary), cancellationToken).ConfigureAwait(false);
        StagesLog.Filtered(logger, runId, summary.Kept, summary.Read);
        return summary;
    }

    private async Task<FilterSummary> ReadSummaryAsync(Guid runId, RunWorkspace round, CancellationToken cancellationToken)
    {
        StagesLog.AlreadyFiltered(logger, runId);
        var json = await File.ReadAllTextAsync(round.FilterMarker, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize<FilterSummary>(json)!;
    }

    private sealed record FilterSummary(int Read, int Kept);
}
