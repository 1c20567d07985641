using MassTransit.Testing;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Stages.Tests.Support;

namespace Samsara.Stages.Tests.Pipeline;

/// <summary>
/// The process hosting the stages stops while iteration 2 of an iterated SAMI training is under way, and a new one
/// starts over the same artifact store; the run's request arrives again, so the flow starts over and every stage sees
/// its work again from the start. Finished work (iteration 1's model, iteration 2's finished shard) is only announced, and the run completes.
/// How far iteration 2 got before the stop varies (stopping waits for the consumers in flight); what is asserted holds
/// wherever it stopped.
/// </summary>
public sealed class When_the_stages_restart_during_a_sami_iteration : IAsyncLifetime, IDisposable
{
    private readonly TinyRun _files = new();
    private StageBus _bus = null!;
    private StageBus? _restarted;

    public async Task InitializeAsync() => _bus = await StageBus.StartAsync(_files.Artifacts);

    public async Task DisposeAsync()
    {
        // Disposed last to first: MassTransit's log context is process-wide and the first bus's logger factory backs it.
        if (_restarted is not null) await _restarted.DisposeAsync();
        await _bus.DisposeAsync();
        Dispose();
    }

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Should_resume_iteration_2_without_redoing_iteration_1()
    {
        var runId = _files.Store(_files.Spec(IteratedSamiRun.Sami(Algorithm.Sami, 2)));
        await _bus.Publish(Messages.RunRequested(runId));
        var shard = await _bus.Observed.WaitFor<GenerationShardCompleted>(s => s.RunId == runId && s.Iteration is { Number: 2 }, CompletedRun.Timeout);
        await _bus.Harness.Stop();
        var firstModel = _files.RunFile(runId, "iter-1/sami/models/sami/model.safetensors");
        var firstShard = _files.RunFile(runId, $"iter-2/sami/generate/shard-{shard.ShardIndex:D4}.jsonl");
        var before = (File.GetLastWriteTimeUtc(firstModel), File.GetLastWriteTimeUtc(firstShard), File.GetLastWriteTimeUtc(_files.RunFile(runId, "generate/shard-0000.jsonl")));

        var bus = _restarted = await StageBus.StartAsync(_files.Artifacts);
        await bus.Publish(Messages.RunRequested(runId));
        await bus.Observed.WaitFor<EvaluationCompleted>(runId, CompletedRun.Timeout);

        Assert.Equal(before, (File.GetLastWriteTimeUtc(firstModel), File.GetLastWriteTimeUtc(firstShard), File.GetLastWriteTimeUtc(_files.RunFile(runId, "generate/shard-0000.jsonl"))));
        // Iteration 1 was only announced (no training steps this time), then iteration 2 finished.
        Assert.DoesNotContain(bus.Observed.All<TrainingProgress>(), p => p.Iteration == 1);
        Assert.Equal([1, 2], bus.Observed.All<TrainingCompleted>().Select(t => t.Iteration).ToArray());
        Assert.True(File.Exists(_files.RunFile(runId, "models/sami/model.safetensors")));
        Assert.Empty(bus.Observed.All<StageFaulted>());
    }
}
