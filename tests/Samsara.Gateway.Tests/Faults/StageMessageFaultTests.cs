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

        await server.Services.GetRequiredService<IBus>().Publish(StageEvents.Filtered(Guid.Parse(run.Id)));

        var failed = await client.WaitForAsync(run.Id, r => r.State == RunState.Failed);
        Assert.Equal($"Training: {PoisonedStage<FilteringCompleted>.Reason}", failed.Error);
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
        await bus.Publish(StageEvents.Filtered(runId));
        var failed = await client.WaitForAsync(run.Id, r => r.State == RunState.Failed);

        var again = StageEvents.Filtered(runId) with { EventId = Guid.NewGuid() };
        var consumed = GatewayConsumed.On<Fault<FilteringCompleted>>(bus, f => f.Message.EventId == again.EventId);
        await bus.Publish(again);
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
        var filtered = StageEvents.Filtered(Guid.Parse(run.Id));
        var consumed = GatewayConsumed.On<Fault<FilteringCompleted>>(bus, f => f.Message.EventId == filtered.EventId);

        await bus.Publish(filtered);
        await consumed.WaitAsync(TimeSpan.FromSeconds(10));

        var after = await client.GetAsync(run.Id);
        Assert.Equal(RunState.Cancelled, after.State);
        Assert.Equal("wrong prompts", after.Error);
    }

    public void Dispose() => workspace.Dispose();

    private Task<GatewayServer> StartWithPoisonedTrainerAsync() =>
        GatewayServer.StartAsync(workspace, FastRetry, bus => bus.AddSamsaraConsumer<PoisonedStage<FilteringCompleted>>(QueueNames.Trainer));
}
