using System.Runtime.CompilerServices;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Samsara.Contracts;
using Samsara.Messaging;
using Samsara.Stages.Internal;

namespace Samsara.Stages.Judging;

/// <summary>
/// Judging from outside a run, on the replica that took the call: the pairs are split into batches of
/// <see cref="JudgingOptions.JobBatchItems"/> that all go on the judge's queue at once, as requests
/// (<see cref="JudgeJobBatch"/>), so every judge replica — and KEDA, which counts the queue — shares the work; each
/// batch's verdicts come back to this replica (<see cref="JudgeJobBatchJudged"/>, to the bus's own address) and are
/// handed on as each batch finishes. A caller that leaves before the end marks the job cancelled
/// (<see cref="JudgeJobCancellations"/>): its batches still queued are dropped by whichever replica takes them.
/// </summary>
public sealed class JudgingJobs(IClientFactory clients, JudgeJobCancellations cancellations, IOptions<JudgingOptions> options, ILogger<JudgingJobs> logger)
{
    /// <summary>The job's batches as they finish (not in order); a batch that faults ends the job with its exception.</summary>
    public async IAsyncEnumerable<JudgeJobBatchJudged> RunAsync(JudgeJobSpec spec, IReadOnlyList<JudgeJobItem> items,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(items);
        var jobId = EventIds.New();
        var batches = Batches(jobId, spec, items, options.Value.JobBatchItems);
        // A batch not answered within the timeout is also dropped by the broker (the request's time to live).
        var client = clients.CreateRequestClient<JudgeJobBatch>(CommandRoutes.AddressOf(QueueNames.Judge),
            RequestTimeout.After(m: options.Value.JobBatchTimeoutMinutes));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = batches.Select(b => client.GetResponse<JudgeJobBatchJudged>(b, stop.Token)).ToList();
        var answered = 0;
        try
        {
            await foreach (var response in Task.WhenEach(pending).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var judged = (await response.ConfigureAwait(false)).Message;
                answered++;
                yield return judged;
            }
        }
        finally
        {
            if (answered < batches.Count)
                await AbandonAsync(jobId, batches.Count - answered, batches.Count, stop, pending).ConfigureAwait(false);
        }
    }

    /// <summary>The job's batches: consecutive runs of <paramref name="batchItems"/> items, ids derived from the job.</summary>
    public static IReadOnlyList<JudgeJobBatch> Batches(Guid jobId, JudgeJobSpec spec, IReadOnlyList<JudgeJobItem> items, int batchItems)
    {
        var chunks = items.Chunk(batchItems).ToList();
        return [.. chunks.Select((chunk, b) => new JudgeJobBatch
        {
            JobId = jobId, EventId = EventIds.For(jobId, $"judge-job-batch/{b}"), OccurredAt = DateTimeOffset.UtcNow, Batch = b, Of = chunks.Count,
            Judge = spec.Judge, Prompt = spec.Prompt, Protocol = spec.Protocol, Seed = spec.Seed, ModelA = spec.ModelA, ModelB = spec.ModelB,
            Concurrency = spec.Concurrency, Items = chunk,
        })];
    }

    // The caller left, or a batch failed: mark the job so the rest are dropped where they wait, stop waiting for them,
    // and observe their endings so none goes unobserved.
    private async Task AbandonAsync(Guid jobId, int outstanding, int batches, CancellationTokenSource stop, List<Task<Response<JudgeJobBatchJudged>>> pending)
    {
        StagesLog.JudgeJobAbandoned(logger, jobId, outstanding, batches);
        await cancellations.CancelAsync(jobId, "the caller left or a batch failed").ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(pending).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or RequestException)
        {
            // Expected: the requests were cancelled, or the batch that ended the job faulted (already reported).
        }
    }
}
