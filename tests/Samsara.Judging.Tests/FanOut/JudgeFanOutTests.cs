using Samsara.Testing.Broker;
using System.Text.Json.Nodes;
using Samsara.Contracts;
using Samsara.Judging.Backends;
using Samsara.Judging.Items;
using Samsara.Judging.Rubric;
using Samsara.Judging.Tests.Support;
using Samsara.Messaging;
using Samsara.Stages.Judging;

namespace Samsara.Judging.Tests.FanOut;

/// <summary>
/// Judging scales out on the real broker (own vhost): the 80 paper items go to the judge queue as 80 JudgePair
/// tasks; three replicas compete for them while a fourth consumer takes five and dies holding them. Every task comes
/// back exactly once, the replicas share the work, the dead one's five come back redelivered, and the judgements
/// equal a local judge pass over the same items.
/// </summary>
public sealed class JudgeFanOutTests
{
    // A bound on waiting for the broker, not a speed assertion.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [DataFact]
    public async Task Tasks_are_shared_none_lost_none_judged_twice_and_a_dead_judges_tasks_are_redelivered()
    {
        await using var vhost = await RabbitMqVhost.CreateAsync();
        var runId = Guid.NewGuid();
        var items = PairwiseItems.Pair(AnswerSetReader.Read(PaperData.Sami), AnswerSetReader.Read(PaperData.Sft));
        var tasks = items.Select(item => new JudgePair
        {
            RunId = runId,
            EventId = EventIds.For(runId, $"judge/{item.Id}"),
            OccurredAt = DateTimeOffset.UtcNow,
            Judge = "rubric",
            Protocol = "both",
            Seed = 1,
            Prompt = "principles",
            ItemId = item.Id,
            Category = item.Category,
            Question = item.Question,
            Constitution = item.Constitution,
            ModelA = "sami",
            ModelB = "sft",
            ResponseA = item.ResponseA,
            ResponseB = item.ResponseB,
        }).ToList();
        var collector = new JudgementCollector(tasks.Select(t => t.EventId));

        await using var coordinator = await BusHost.StartCoordinatorAsync(vhost, collector);
        // The first replica declares the judge queue; the vanishing judge then joins it before the others.
        await using var replica1 = await BusHost.StartReplicaAsync(vhost, "replica-1");
        await using var vanishing = await VanishingJudge.StartAsync(vhost, QueueNames.Judge, capacity: 5);
        await using var replica2 = await BusHost.StartReplicaAsync(vhost, "replica-2");
        await using var replica3 = await BusHost.StartReplicaAsync(vhost, "replica-3");

        foreach (var task in tasks) await coordinator.Bus.SendCommand(task);
        await vanishing.WhenHoldingAsync(Patience);
        await vanishing.DieAsync();
        await collector.WhenCompleteAsync(new CancellationTokenSource(Patience).Token);

        Assert.Empty(collector.Missing);
        Assert.Equal(0, collector.Repeats);
        Assert.Equal(0, collector.Unexpected);
        var results = collector.Results;
        Assert.Equal(80, results.Count);
        // Shared: every replica judged some; the broker round-robins deliveries between consumers.
        Assert.Equal(["replica-1", "replica-2", "replica-3"], results.Select(r => r.JudgedBy).Distinct().Order());
        // The dead judge's five, and only those, came back redelivered, and were judged by the living.
        Assert.Equal(vanishing.Held.Order(), results.Where(r => r.Redelivered).Select(r => r.TaskId).Order());

        // The distributed judgements are the local ones.
        var local = await new PairwiseJudging(new RubricJudge(RubricSet.Default), JudgeProtocol.Both, 1).RunAsync(items, "sami", "sft");
        var remote = collector.Records().ToDictionary(r => r.Id);
        Assert.All(local, l => Assert.Equal(JudgementJson.ToJson(l).ToJsonString(), JudgementJson.ToJson(remote[l.Id]).ToJsonString()));
        Assert.Equal(80, remote.Values.Select(r => JsonNode.Parse(JudgementJson.ToJson(r).ToJsonString())!["id"]!.GetValue<string>()).Distinct().Count());
    }
}
