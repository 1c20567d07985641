using Samsara.Testing.Broker;
using Samsara.Contracts;
using Samsara.Judging.Backends;
using Samsara.Judging.Items;
using Samsara.Judging.Rubric;
using Samsara.Judging.Tests.Support;
using Samsara.Messaging;
using Samsara.Stages.Judging;

namespace Samsara.Judging.Tests.FanOut;

/// <summary>
/// Judging jobs (what a JudgeService call becomes) scale out on the real broker (own vhost): the 80 paper items go
/// to the judge queue as 20 batches; three replicas compete for them while a fourth consumer takes five and dies
/// holding them. Every batch comes back once, every item is judged once, the replicas share the work, the dead one's
/// five come back redelivered, and the verdicts equal a local judge pass over the same items.
/// </summary>
public sealed class JudgeFanOutTests : IDisposable
{
    // A bound on waiting for the broker, not a speed assertion.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static readonly JudgeJobSpec Rubric = new("rubric", "principles", "both", 1, "sami", "sft", 2);

    private readonly string artifacts = Directory.CreateTempSubdirectory("samsara-judge-jobs-").FullName;

    [DataFact]
    public async Task Batches_are_shared_none_lost_none_judged_twice_and_a_dead_judges_batches_are_redelivered()
    {
        await using var vhost = await RabbitMqVhost.CreateAsync();
        var items = PaperItems();

        await using var caller = await BusHost.StartCallerAsync(vhost, artifacts);
        // The first replica declares the judge queue; the vanishing judge then joins it before the others.
        await using var replica1 = await BusHost.StartReplicaAsync(vhost, artifacts, "replica-1");
        await using var vanishing = await VanishingJudge.StartAsync(vhost, QueueNames.Judge, capacity: 5);
        await using var replica2 = await BusHost.StartReplicaAsync(vhost, artifacts, "replica-2");
        await using var replica3 = await BusHost.StartReplicaAsync(vhost, artifacts, "replica-3");

        using var patience = new CancellationTokenSource(Patience);
        var job = caller.Jobs.RunAsync(Rubric, ToJobItems(items), patience.Token).GetAsyncEnumerator(patience.Token);
        var batches = new List<JudgeJobBatchJudged>();
        // The vanishing judge holds its five before anything is collected, then dies holding them.
        var first = job.MoveNextAsync();
        await vanishing.WhenHoldingAsync(Patience);
        await vanishing.DieAsync();
        for (var more = await first; more; more = await job.MoveNextAsync()) batches.Add(job.Current);
        await job.DisposeAsync();

        Assert.Equal(Enumerable.Range(0, 20), batches.Select(b => b.Batch).Order());
        // Shared: every replica judged some; the broker round-robins deliveries between consumers.
        Assert.Equal(["replica-1", "replica-2", "replica-3"], batches.Select(b => b.JudgedBy).Distinct().Order());
        // The dead judge's five, and only those, came back redelivered, and were judged by the living.
        Assert.Equal(vanishing.Held.Order(), batches.Where(b => b.Redelivered).Select(b => b.EventId).Order());

        // The distributed verdicts are the local ones, each item once.
        var remote = batches.SelectMany(b => b.Judgements).ToList();
        Assert.Equal(80, remote.Count);
        var local = await new PairwiseJudging(new RubricJudge(RubricSet.Default), JudgeProtocol.Both, 1).RunAsync(items, "sami", "sft");
        Assert.Equal(local.Select(r => JudgementJson.ToJson(r).ToJsonString()).Order(StringComparer.Ordinal), remote.Order(StringComparer.Ordinal));
    }

    [DataFact]
    public async Task A_job_whose_caller_leaves_has_its_queued_batches_dropped_unjudged()
    {
        await using var vhost = await RabbitMqVhost.CreateAsync();
        var items = ToJobItems(PaperItems());
        var model = new ScriptedJudgeModel("openai:http://judge.test/v1#scripted", (_, _) => "[[A]]");
        var endpointJudge = Rubric with { Judge = "openai:http://judge.test/v1#scripted" };

        await using var caller = await BusHost.StartCallerAsync(vhost, artifacts);
        using var leaves = new CancellationTokenSource();
        var job = caller.Jobs.RunAsync(endpointJudge, items, leaves.Token).GetAsyncEnumerator(leaves.Token);
        var waiting = job.MoveNextAsync();
        // No judge runs yet: all 20 batches wait on the queue when the caller leaves.
        await UntilAsync(async () => await vhost.CountAsync(QueueNames.Judge) == 20);
        await leaves.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await waiting);
        await job.DisposeAsync();

        await using var replica = await BusHost.StartReplicaAsync(vhost, artifacts, "replica-1", _ => model);
        await UntilAsync(async () => await vhost.CountAsync(QueueNames.Judge) == 0);
        Assert.Equal(0, model.Calls);
        Assert.Single(Directory.GetFiles(Path.Combine(artifacts, JudgeJobCancellations.Folder), "*.cancelled"));
    }

    public void Dispose() => Directory.Delete(artifacts, recursive: true);

    private static List<PairwiseItem> PaperItems() => [.. PairwiseItems.Pair(AnswerSetReader.Read(PaperData.Sami), AnswerSetReader.Read(PaperData.Sft))];

    private static List<JudgeJobItem> ToJobItems(IEnumerable<PairwiseItem> items) => [.. items.Select(i => new JudgeJobItem
    {
        Id = i.Id, Category = i.Category, Question = i.Question, Constitution = i.Constitution, ResponseA = i.ResponseA, ResponseB = i.ResponseB,
    })];

    // Polls the broker until the condition holds, within the patience (a bound, not a speed assertion).
    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the broker did not get there within {Patience}");
            await Task.Delay(250);
        }
    }
}
