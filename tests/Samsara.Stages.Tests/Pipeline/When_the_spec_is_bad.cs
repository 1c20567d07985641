using Samsara.Contracts;
using Samsara.Stages.Tests.Support;

namespace Samsara.Stages.Tests.Pipeline;

/// <summary>A deterministic input error becomes StageFaulted with the reason, not an endless retry.</summary>
public sealed class When_the_spec_is_bad : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
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
    public async Task Should_fault_the_generation_stage_naming_the_file_when_it_is_not_json()
    {
        var runId = _files.StoreText("{ this is not json");

        await _bus.Publish(Messages.RunRequested(runId));

        var faulted = await _bus.Observed.WaitFor<StageFaulted>(runId, Timeout);
        Assert.Equal(PipelineStage.Generation, faulted.Stage);
        Assert.Contains($"runs/{runId:D}/spec.json", faulted.Reason, StringComparison.Ordinal);
        Assert.Empty(_bus.Observed.All<GenerationShardCompleted>());
    }

    [Fact]
    public async Task Should_fault_naming_the_bad_field()
    {
        var spec = _files.Spec();
        spec.Student.Path = Path.Combine(_files.Directory, "missing");
        var runId = _files.Store(spec);

        await _bus.Publish(Messages.RunRequested(runId));

        var faulted = await _bus.Observed.WaitFor<StageFaulted>(runId, Timeout);
        Assert.Contains("spec.student.path", faulted.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_fault_when_the_spec_is_missing()
    {
        var runId = Guid.NewGuid();

        await _bus.Publish(Messages.RunRequested(runId));

        var faulted = await _bus.Observed.WaitFor<StageFaulted>(runId, Timeout);
        Assert.Contains("run spec not found", faulted.Reason, StringComparison.Ordinal);
    }
}
