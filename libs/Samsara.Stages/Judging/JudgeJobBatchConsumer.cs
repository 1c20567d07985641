using MassTransit;
using Microsoft.Extensions.Logging;
using Samsara.Contracts;
using Samsara.Endpoints;
using Samsara.Judging;
using Samsara.Judging.Items;
using Samsara.Stages.Internal;

namespace Samsara.Stages.Judging;

/// <summary>
/// Judges one batch of a judging job and responds to the replica that sent it. The message is acknowledged only after
/// the response, so a replica killed mid-batch leaves it to the broker and another replica judges it, its calls
/// already made answered by the judgement cache. A batch of a job whose caller has gone is dropped unjudged.
/// </summary>
public sealed class JudgeJobBatchConsumer(PairJudges judges, JudgeJobCancellations cancellations, ILogger<JudgeJobBatchConsumer> logger)
    : IConsumer<JudgeJobBatch>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<JudgeJobBatch> context)
    {
        var batch = context.Message;
        if (cancellations.IsCancelled(batch.JobId))
        {
            StagesLog.JudgeJobBatchDropped(logger, batch.JobId, batch.Batch);
            return;
        }
        var judging = judges.For(batch.Judge, batch.Prompt, batch.Protocol, batch.Seed);
        var items = batch.Items.Select(i => new PairwiseItem(i.Id, i.Category, i.Question, i.Constitution, i.ResponseA, i.ResponseB)).ToList();
        // The batch's own share of the replica's endpoint usage, for the caller's running total.
        using var usage = UsageScope.Begin();
        var records = await judging.RunAsync(items, batch.ModelA, batch.ModelB, batch.Concurrency, cancellationToken: context.CancellationToken)
            .ConfigureAwait(false);
        StageTelemetry.RecordJudgeCalls(batch.Judge, records.Sum(r => r.Calls.Count));
        StagesLog.JudgeJobBatchJudged(logger, batch.JobId, batch.Batch, batch.Of, records.Count);
        var spent = usage.Totals.Values.Aggregate(UsageTotals.Zero, (sum, t) => sum + t);
        await context.RespondAsync(new JudgeJobBatchJudged
        {
            JobId = batch.JobId,
            EventId = batch.EventId,
            OccurredAt = DateTimeOffset.UtcNow,
            Batch = batch.Batch,
            Judgements = [.. records.Select(r => JudgementJson.ToJson(r).ToJsonString())],
            JudgedBy = judges.Instance,
            Redelivered = context.ReceiveContext.Redelivered,
            Requests = spent.Requests,
            PromptTokens = spent.PromptTokens,
            CompletionTokens = spent.CompletionTokens,
            RateLimited = spent.RateLimited,
        }).ConfigureAwait(false);
    }
}
