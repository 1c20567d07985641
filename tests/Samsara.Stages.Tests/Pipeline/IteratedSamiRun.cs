using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Stages.Tests.Support;

namespace Samsara.Stages.Tests.Pipeline;

/// <summary>
/// One tiny run with two iterated trainings (SAMI from the student and SFT+SAMI from the SFT model, two iterations each)
/// through every stage, shared by the scenarios that inspect it.
/// </summary>
public sealed class IteratedSamiRun : IAsyncLifetime
{
    internal TinyRun Files { get; } = new();

    internal StageBus Bus { get; private set; } = null!;

    internal Guid RunId { get; private set; }

    internal EvaluationCompleted Completed { get; private set; } = null!;

    internal static TrainingSpec Sami(Algorithm algorithm, uint iterations) =>
        new() { Algorithm = algorithm, LearningRate = 1e-3, Steps = 1, BatchQueries = 2, MicroBatch = 2, Iterations = iterations };

    public async Task InitializeAsync()
    {
        Bus = await StageBus.StartAsync(Files.Artifacts);
        RunId = Files.Store(Files.Spec(
            Sami(Algorithm.Sami, 2),
            new TrainingSpec { Algorithm = Algorithm.Sft, LearningRate = 1e-3, Steps = 1, BatchQueries = 2, MicroBatch = 1 },
            Sami(Algorithm.SftSami, 2)));
        await Bus.Publish(Messages.RunRequested(RunId));
        Completed = await Bus.Observed.WaitFor<EvaluationCompleted>(RunId, CompletedRun.Timeout * 2);
    }

    public async Task DisposeAsync()
    {
        await Bus.DisposeAsync();
        Files.Dispose();
    }
}
