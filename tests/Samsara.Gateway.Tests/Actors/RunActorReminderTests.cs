using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Gateway.Tests.Infrastructure;
using Samsara.Messaging;

namespace Samsara.Gateway.Tests.Actors;

/// <summary>
/// The RunActor's stage-silence reminder, through the SDK and the embedded sidecar: a stage that reports nothing is
/// re-dispatched with new ids, and after Runs:MaxRedispatches re-dispatches the run fails naming the stage.
/// </summary>
public sealed class RunActorReminderTests : IDisposable
{
    // A second of silence is plenty here: no worker runs, the fake ones answer at once or never.
    private static readonly Dictionary<string, string?> Impatient = new()
    {
        ["Runs:StageSilenceTimeout"] = "00:00:01",
        ["Runs:SilenceCheckInterval"] = "00:00:01",
        ["Runs:MaxRedispatches"] = "2",
    };

    private readonly GatewayWorkspace workspace = new();

    [Fact]
    public async Task A_stage_that_never_answers_is_re_dispatched_then_the_run_fails_naming_it()
    {
        var generator = new FakeWorker(answerFrom: int.MaxValue);
        await using var server = await GatewayServer.StartAsync(workspace, Impatient, bus => generator.Register(bus));
        var client = new GatewayClient(server.CreateChannel());

        var run = await client.StartAsync(GatewayWorkspace.ValidSpec());
        var failed = await WaitAsync(client, run.Id, r => r.State == RunState.Failed);
        await WaitAsync(client, run.Id, _ => generator.Received.Count >= 9);

        Assert.StartsWith("generate: no word from the stage", failed.Error, StringComparison.Ordinal);
        // 3 shards, sent once and re-dispatched twice, each time under new ids (a worker's processed-event store would skip old ones).
        var sent = generator.Received.ToList();
        Assert.Equal(9, sent.Count);
        Assert.Equal(9, sent.Select(s => s.EventId).Distinct().Count());
        Assert.All(sent.GroupBy(s => s.ShardIndex), g => Assert.Equal(3, g.Count()));
    }

    [Fact]
    public async Task A_stage_that_answers_a_re_dispatch_moves_the_run_on()
    {
        // Drops every shard's first command, as a worker killed without a trace would, and answers the re-dispatch.
        var generator = new FakeWorker(answerFrom: 2);
        var filter = new ConcurrentQueue<FilterRun>();
        await using var server = await GatewayServer.StartAsync(workspace, Impatient, bus =>
        {
            generator.Register(bus);
            bus.AddSingleton(filter);
            bus.AddSamsaraConsumer<FilterRunRecorder>(QueueNames.Filter);
        });
        var client = new GatewayClient(server.CreateChannel());

        var run = await client.StartAsync(GatewayWorkspace.ValidSpec());
        var generated = await WaitAsync(client, run.Id, r => r.Stages.Any(s => s.Stage == "generate" && s.Done == 3));

        Assert.Equal(RunState.Generating, generated.State);
        await WaitAsync(client, run.Id, _ => !filter.IsEmpty);
        Assert.Equal(3, filter.First().ShardCount);
        // Every shard was sent at least twice (the first send went unanswered); under load a slow answer may see a third.
        Assert.All(generator.Received.GroupBy(s => s.ShardIndex), g => Assert.InRange(g.Count(), 2, 3));
    }

    // The wait is long: the reminder's period and a loaded machine both stretch it; the assertions never time anything.
    private static async Task<Run> WaitAsync(GatewayClient client, string runId, Func<Run, bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var run = await client.GetAsync(runId);
            if (done(run)) return run;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"run {runId} stayed {run}");
            await Task.Delay(100);
        }
    }

    public void Dispose() => workspace.Dispose();

    /// <summary>Plays the generator: records every GenerateShard and answers a shard's command from its n-th delivery on.</summary>
    internal sealed class FakeWorker(int answerFrom)
    {
        public ConcurrentQueue<GenerateShard> Received { get; } = new();

        public void Register(IBusRegistrationConfigurator bus)
        {
            bus.AddSingleton(this);
            bus.AddSamsaraConsumer<FakeGeneratorConsumer>(QueueNames.Generator);
        }

        public bool Answers(GenerateShard command)
        {
            Received.Enqueue(command);
            return Received.Count(c => c.ShardIndex == command.ShardIndex) >= answerFrom;
        }
    }

    internal sealed class FakeGeneratorConsumer(FakeWorker worker) : IConsumer<GenerateShard>
    {
        public Task Consume(ConsumeContext<GenerateShard> context)
        {
            var m = context.Message;
            return worker.Answers(m)
                ? context.Publish(new GenerationShardCompleted
                {
                    RunId = m.RunId, EventId = EventIds.For(m.RunId, $"generate/{m.ShardIndex}"), OccurredAt = DateTimeOffset.UtcNow,
                    ShardIndex = m.ShardIndex, ShardCount = m.ShardCount, ArtifactPath = $"runs/{m.RunId:D}/generate/shard-{m.ShardIndex:D4}.jsonl", Iteration = null,
                })
                : Task.CompletedTask;
        }
    }

    internal sealed class FilterRunRecorder(ConcurrentQueue<FilterRun> received) : IConsumer<FilterRun>
    {
        public Task Consume(ConsumeContext<FilterRun> context)
        {
            received.Enqueue(context.Message);
            return Task.CompletedTask;
        }
    }
}
