using Samsara.Artifacts;
using Samsara.Contracts;
using Samsara.Stages.Filtering;
using Samsara.Stages.Generation;
using Samsara.Stages.Tests.Support;

namespace Samsara.Stages.Tests.Pipeline;

/// <summary>A cancelled run's filtering command reaches the filter: it neither filters nor announces anything.</summary>
public sealed class When_a_run_is_cancelled_before_filtering : IAsyncLifetime, IDisposable
{
    private readonly TinyRun _files = new();
    private StageBus _bus = null!;

    public async Task InitializeAsync() => _bus = await StageBus.StartAsync(_files.Artifacts);

    public async Task DisposeAsync()
    {
        await _bus.DisposeAsync();
        Dispose();
    }

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Should_not_filter_or_announce_the_run()
    {
        // Every shard marked done, but no spec and no generations: a filter that went ahead would fault.
        var runId = Guid.NewGuid();
        var marker = new RunWorkspace(_files.Artifacts, runId).ShardMarker(0);
        Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
        await File.WriteAllTextAsync(marker, "done");
        await _bus.Publish(Messages.Cancel(runId, "stop"));
        await _bus.Observed.WaitFor<RunCancelled>(runId, TimeSpan.FromSeconds(30));

        await _bus.Send(Messages.FilterRun(runId, shardCount: 1));

        Assert.True(await _bus.Harness.Consumed.Any<FilterRun>(c => c.Context.Message.RunId == runId));
        await _bus.Harness.InactivityTask;
        Assert.Empty(_bus.Observed.All<FilteringCompleted>());
        Assert.Empty(_bus.Observed.All<StageFaulted>());
        Assert.False(File.Exists(new RunWorkspace(_files.Artifacts, runId).FilterMarker));
    }
}
