using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Stages.Tests.Support;

namespace Samsara.Stages.Tests.Pipeline;

/// <summary>One tiny run through every stage, shared by the scenarios that inspect it (a run costs seconds).</summary>
public sealed class CompletedRun : IAsyncLifetime
{
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(100);

    internal TinyRun Files { get; } = new();

    internal StageBus Bus { get; private set; } = null!;

    internal Guid RunId { get; private set; }

    internal EvaluationCompleted Completed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Bus = await StageBus.StartAsync(Files.Artifacts);
        RunId = Files.Store(Files.Spec(
            new TrainingSpec { Algorithm = Algorithm.Dpo, Steps = 1, BatchQueries = 2, MicroBatch = 2 },
            new TrainingSpec { Algorithm = Algorithm.Sft, LearningRate = 1e-4, Steps = 2, BatchQueries = 2, MicroBatch = 1 }));
        await Bus.Publish(Messages.RunRequested(RunId));
        Completed = await Bus.Observed.WaitFor<EvaluationCompleted>(RunId, Timeout);
    }

    public async Task DisposeAsync()
    {
        await Bus.DisposeAsync();
        Files.Dispose();
    }
}
