using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Stages.Tests.Support;

namespace Samsara.Stages.Tests.Pipeline;

/// <summary>CancelRunRequested stops a running training within a micro-batch and the run is announced cancelled.</summary>
public sealed class When_a_run_is_cancelled_during_training : IAsyncLifetime, IDisposable
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
    public async Task Should_stop_training_and_publish_RunCancelled()
    {
        var runId = _files.Store(_files.Spec(new TrainingSpec { Algorithm = Algorithm.Sft, LearningRate = 1e-4, Steps = 1000, BatchQueries = 1, MicroBatch = 1 }));
        await _bus.Publish(Messages.RunRequested(runId));
        await _bus.Observed.WaitFor<TrainingProgress>(runId, CompletedRun.Timeout);

        await _bus.Publish(Messages.Cancel(runId, "changed my mind"));

        var cancelled = await _bus.Observed.WaitFor<RunCancelled>(runId, TimeSpan.FromSeconds(30));
        Assert.Equal("changed my mind", cancelled.Reason);
        var steps = _bus.Observed.All<TrainingProgress>().Count;
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(steps, _bus.Observed.All<TrainingProgress>().Count);
        Assert.True(steps < 1000);
        Assert.Empty(_bus.Observed.All<TrainingCompleted>());
        Assert.Empty(_bus.Observed.All<StageFaulted>());
    }
}
