using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Samsara.Api.V1;
using Samsara.Gateway.Runs;
using Samsara.Gateway.Tests.Infrastructure;
using Samsara.ServiceDefaults.Telemetry;
using Samsara.Testing.Metrics;

namespace Samsara.Gateway.Tests;

/// <summary>
/// <c>samsara.runs</c> as the gateway records it: one count per run entering a state. The counter is process-wide,
/// so these tests run alone (<see cref="RunCounterReaders"/>): no other test's runs are counted with theirs.
/// </summary>
[Collection(RunCounterReaders.Name)]
public sealed class RunMetricsTests : IDisposable
{
    private const string StateTag = "samsara.run.state";

    private readonly GatewayWorkspace workspace = new();

    [Fact]
    public async Task Each_run_counts_once_in_every_state_it_enters_and_a_repeated_StartRun_or_event_counts_nothing()
    {
        using var runs = new InstrumentProbe<long>(SamsaraTelemetry.Name, "samsara.runs");
        await using var server = await GatewayServer.StartAsync(workspace);
        var client = new GatewayClient(server.CreateChannel());

        var completed = await StartedAsync(client, "metrics-completed");
        await StageEvents.PublishPipelineAsync(server, Guid.Parse(completed.Id));
        await client.WaitForAsync(completed.Id, r => r.State == RunState.Completed);
        // The same idempotency key again: the same run, not a new one.
        Assert.Equal(completed.Id, (await client.StartAsync(GatewayWorkspace.ValidSpec(), "metrics-completed")).Id);

        var failed = await StartedAsync(client, "metrics-failed");
        await server.Services.GetRequiredService<IBus>().Publish(StageEvents.Faulted(Guid.Parse(failed.Id), "CUDA out of memory"));
        await client.WaitForAsync(failed.Id, r => r.State == RunState.Failed);

        var cancelled = await StartedAsync(client, "metrics-cancelled");
        await client.CancelAsync(cancelled.Id, "wrong prompts");

        // An event the run already has (a redelivery past the queue's filter) changes nothing, so it counts nothing.
        var completion = (await client.WatchToEndAsync(completed.Id))[^1];
        await server.Services.GetRequiredService<RunEventApplier>().ApplyAsync(completed.Id, "redelivery", [completion]);

        var counts = runs.Readings
            .GroupBy(r => r.Tag(StateTag) ?? "(none)", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Value), StringComparer.Ordinal);
        Assert.Equal(new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["pending"] = 3,
            ["generating"] = 3,
            ["filtering"] = 1,
            ["training"] = 1,
            ["evaluating"] = 1,
            ["completed"] = 1,
            ["failed"] = 1,
            ["cancelled"] = 1,
        }, counts);
    }

    public void Dispose() => workspace.Dispose();

    /// <summary>A run started and past Pending, so that what the test does next cannot race its RunRequested.</summary>
    private static async Task<Run> StartedAsync(GatewayClient client, string idempotencyKey)
    {
        var run = await client.StartAsync(GatewayWorkspace.ValidSpec(), idempotencyKey);
        return await client.WaitForAsync(run.Id, r => r.State == RunState.Generating);
    }
}

/// <summary>Tests that read the process-wide run counter; xunit runs a collection without parallelization on its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunCounterReaders
{
    public const string Name = "samsara.runs";
}
