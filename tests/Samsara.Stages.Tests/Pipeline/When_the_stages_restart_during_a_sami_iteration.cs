using MassTransit.Testing;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Stages.Tests.Support;

namespace Samsara.Stages.Tests.Pipeline;

/// <summary>
/// The process hosting the stages stops while iteration 2 of an iterated SAMI training is being generated, and a new
/// one starts over the same artifact store; the RunActor keeps the run's flow (its state is persisted), so nothing is
/// dispatched again: the new process resumes the shard job the stop cut off from its record, and the run completes.
/// Finished work (iteration 1's model, the shards already generated) is neither redone nor announced again.
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

        var bus = _restarted = await StageBus.StartAsync(_files.Artifacts, _bus.Conductor);
        await bus.Observed.WaitFor<EvaluationCompleted>(runId, CompletedRun.Timeout);

        Assert.Equal(before, (File.GetLastWriteTimeUtc(firstModel), File.GetLastWriteTimeUtc(firstShard), File.GetLastWriteTimeUtc(_files.RunFile(runId, "generate/shard-0000.jsonl"))));
        // Only iteration 2's remaining work ran: no step of iteration 1, and iteration 2's training.
        Assert.DoesNotContain(bus.Observed.All<TrainingProgress>(), p => p.Iteration == 1);
        Assert.Equal([2], bus.Observed.All<TrainingCompleted>().Select(t => t.Iteration).ToArray());
        Assert.DoesNotContain(bus.Observed.All<GenerationShardCompleted>(), s => s.Iteration is null || s.ShardIndex == shard.ShardIndex);
        Assert.True(File.Exists(_files.RunFile(runId, "models/sami/model.safetensors")));
        Assert.Empty(bus.Observed.All<StageFaulted>());
    }
}
