using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Gateway.Tests.Infrastructure;
using Samsara.Messaging;

namespace Samsara.Gateway.Tests.Faults;

/// <summary>
/// A stage message that fails every retry (docs/architecture.md §10): MassTransit's Fault&lt;T&gt; reaches the gateway, which fails
/// the run with the exception's message, once, and leaves a run that is already final alone.
/// </summary>
public sealed class StageMessageFaultTests : IDisposable
{
    // One retry, at once: enough to show that a fault comes after the retries, not instead of them.
    private static readonly Dictionary<string, string?> FastRetry = new()
    {
        ["Messaging:Retry:Limit"] = "1",
        ["Messaging:Retry:MinInterval"] = "00:00:00.010",
        ["Messaging:Retry:MaxInterval"] = "00:00:00.010",
        ["Messaging:Retry:IntervalDelta"] = "00:00:00",
    };

    private readonly GatewayWorkspace workspace = new();

    [Fact]
    public async Task A_stage_message_that_fails_every_retry_fails_the_run_with_the_exception_message()
    {
        await using var server = await StartWithPoisonedTrainerAsync();
        var client = new GatewayClient(server.CreateChannel());
        var run = await client.StartAsync(GatewayWorkspace.ValidSpec());
        await client.WaitForAsync(run.Id, r => r.State == RunState.Generating);

        // The flow sends TrainModel once the data is in: the poisoned trainer fails it every time.
        await DataReadyAsync(server, Guid.Parse(run.Id));

        var failed = await client.WaitForAsync(run.Id, r => r.State == RunState.Failed);
        Assert.Equal($"Training: {PoisonedStage<TrainModel>.Reason}", failed.Error);
        var events = await client.WatchToEndAsync(run.Id);
        Assert.Equal(RunState.Failed, events[^1].StateChanged);
        Assert.Equal(failed.Error, events[^1].Reason);
    }

    [Fact]
    public async Task A_second_fault_of_the_same_run_changes_nothing()
    {
        await using var server = await StartWithPoisonedTrainerAsync();
        var client = new GatewayClient(server.CreateChannel());
        var run = await client.StartAsync(GatewayWorkspace.ValidSpec());
        var runId = Guid.Parse(run.Id);
        var bus = server.Services.GetRequiredService<IBus>();
        await client.WaitForAsync(run.Id, r => r.State == RunState.Generating);
        await DataReadyAsync(server, runId);
        var failed = await client.WaitForAsync(run.Id, r => r.State == RunState.Failed);

        var again = Train(runId);
        var consumed = GatewayConsumed.On<Fault<TrainModel>>(bus, f => f.Message.EventId == again.EventId);
        await bus.SendCommand(again);
        await consumed.WaitAsync(TimeSpan.FromSeconds(10));

        var after = await client.GetAsync(run.Id);
        Assert.Equal(failed.UpdatedAt, after.UpdatedAt);
        Assert.Single(await client.WatchToEndAsync(run.Id), e => e.StateChanged == RunState.Failed);
    }

    [Fact]
    public async Task A_fault_for_a_cancelled_run_leaves_it_Cancelled()
    {
        await using var server = await StartWithPoisonedTrainerAsync();
        var client = new GatewayClient(server.CreateChannel());
        var run = await client.StartAsync(GatewayWorkspace.ValidSpec());
        await client.CancelAsync(run.Id, "wrong prompts");
        var bus = server.Services.GetRequiredService<IBus>();
        var train = Train(Guid.Parse(run.Id));
        var consumed = GatewayConsumed.On<Fault<TrainModel>>(bus, f => f.Message.EventId == train.EventId);

        await bus.SendCommand(train);
        await consumed.WaitAsync(TimeSpan.FromSeconds(10));

        var after = await client.GetAsync(run.Id);
        Assert.Equal(RunState.Cancelled, after.State);
        Assert.Equal("wrong prompts", after.Error);
    }

    public void Dispose() => workspace.Dispose();

    private Task<GatewayServer> StartWithPoisonedTrainerAsync() =>
        GatewayServer.StartAsync(workspace, FastRetry, bus => bus.AddSamsaraConsumer<PoisonedStage<TrainModel>>(QueueNames.Trainer));

    // What the generator and filter would publish for the spec's 3 shards, in their causal order: the filter reports
    // only after the flow heard every shard (the gateway consumes events concurrently, so the test waits for that).
    private static async Task DataReadyAsync(GatewayServer server, Guid runId)
    {
        var bus = server.Services.GetRequiredService<IBus>();
        var client = new GatewayClient(server.CreateChannel());
        for (var i = 0; i < 3; i++) await bus.Publish(StageEvents.Shard(runId, i, 3));
        await client.WaitForAsync(runId.ToString("D"), r => r.Stages.Any(s => s.Stage == "generate" && s.Done == 3));
        await bus.Publish(StageEvents.Filtered(runId));
    }

    // A TrainModel as a re-dispatch sends it (a new id).
    private static TrainModel Train(Guid runId) => new()
    {
        RunId = runId, EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Algorithm = TrainingAlgorithm.Sami, Iteration = 1,
    };
}
