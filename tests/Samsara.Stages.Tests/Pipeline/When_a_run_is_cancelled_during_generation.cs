using Samsara.Artifacts;
using Samsara.Contracts;
using Samsara.Stages.Cancellation;
using Samsara.Stages.Generation;
using Samsara.Stages.Tests.Support;

namespace Samsara.Stages.Tests.Pipeline;

/// <summary>
/// CancelRunRequested reaches the generator: a shard being generated stops between prompts, shards not started never
/// start, and nothing is announced, so the filter and the trainer never see the run.
/// </summary>
public sealed class When_a_run_is_cancelled_during_generation : IAsyncLifetime, IDisposable
{
    private const int Prompts = 400;
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
    public async Task Should_stop_the_shard_between_prompts_and_not_announce_it()
    {
        var runId = _files.Store(_files.LongGenerationSpec(Prompts));
        var shard = _files.RunFile(runId, "generate/shard-0000.jsonl");
        await _bus.Publish(Messages.RunRequested(runId));
        await WaitForLinesAsync(shard);

        await _bus.Publish(Messages.Cancel(runId, "wrong prompts"));

        Assert.Equal("wrong prompts", (await _bus.Observed.WaitFor<RunCancelled>(runId, TimeSpan.FromSeconds(30))).Reason);
        await _bus.Harness.InactivityTask;
        var lines = File.ReadLines(shard).Count();
        Assert.InRange(lines, 1, Prompts - 1);
        Assert.False(File.Exists(_files.RunFile(runId, "generate/shard-0000.done")));
        Assert.Empty(_bus.Observed.All<GenerationShardCompleted>());
        Assert.Empty(_bus.Observed.All<FilteringCompleted>());
        Assert.Empty(_bus.Observed.All<StageFaulted>());
        Assert.True(File.Exists(new RunWorkspace(_files.Artifacts, runId).CancelledMarker));
    }

    [Fact]
    public async Task Should_not_start_the_shards_of_a_run_cancelled_before_they_were_planned()
    {
        var runId = _files.Store(_files.Spec());
        await _bus.Publish(Messages.Cancel(runId, "never mind"));
        await _bus.Observed.WaitFor<RunCancelled>(runId, TimeSpan.FromSeconds(30));

        await _bus.Publish(Messages.RunRequested(runId));

        Assert.True(await _bus.Harness.Consumed.Any<RunRequested>(c => c.Context.Message.RunId == runId));
        await _bus.Harness.InactivityTask;
        Assert.False(Directory.Exists(_files.RunFile(runId, "generate")));
        Assert.Empty(_bus.Observed.All<GenerationShardCompleted>());
    }

    [Fact]
    public async Task Should_not_start_a_queued_shard_of_a_cancelled_run()
    {
        var runId = _files.Store(_files.Spec());
        await _bus.Publish(Messages.Cancel(runId, "never mind"));
        await _bus.Observed.WaitFor<RunCancelled>(runId, TimeSpan.FromSeconds(30));

        // A command planned before the cancellation, still in the generator's queue.
        await _bus.Send(new GenerateShard
        {
            RunId = runId, EventId = EventIds.New(), OccurredAt = DateTimeOffset.UtcNow, SpecPath = RunWorkspace.SpecInStore(runId), ShardIndex = 1, ShardCount = 2,
            Iteration = null,
        });

        Assert.True(await _bus.Harness.Consumed.Any<GenerateShard>(c => c.Context.Message.RunId == runId));
        await _bus.Harness.InactivityTask;
        Assert.False(File.Exists(_files.RunFile(runId, "generate/shard-0001.jsonl")));
        Assert.False(File.Exists(new RunWorkspace(_files.Artifacts, runId).ShardMarker(1)));
        Assert.Empty(_bus.Observed.All<GenerationShardCompleted>());
    }

    private static async Task WaitForLinesAsync(string path)
    {
        using var timeout = new CancellationTokenSource(CompletedRun.Timeout);
        while (!File.Exists(path) || !File.ReadLines(path).Any())
            await Task.Delay(20, timeout.Token);
    }
}
