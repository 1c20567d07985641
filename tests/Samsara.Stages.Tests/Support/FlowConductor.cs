using MassTransit;
using Samsara.Api.Runs;
using Samsara.Contracts;
using Samsara.Gateway.Flow;
using Samsara.Messaging;
using Samsara.Stages.Generation;

namespace Samsara.Stages.Tests.Support;

/// <summary>
/// Stands in for the gateway's RunActor: hears the stages' events, asks the same <see cref="RunFlow"/> what comes next
/// and sends those commands, so the stages run a whole run as they do under the gateway. Its state lives as long as
/// the bus (a restarted bus starts each run's flow over, as a RunActor that lost its state would).
/// </summary>
internal sealed class FlowConductor(RunSpecs specs)
{
    private static readonly RunFlowSettings Settings = new();
    private readonly Dictionary<Guid, RunFlowState> _runs = [];

    public async Task<IReadOnlyList<IRunMessage>> DecideAsync(Guid runId, FlowEvent e)
    {
        if (e is RunStarted started) e = await PlanAsync(runId, started);
        lock (_runs)
        {
            var decision = RunFlow.Apply(_runs.GetValueOrDefault(runId) ?? new RunFlowState(), e, runId, DateTimeOffset.UtcNow, Settings);
            _runs[runId] = decision.State;
            return decision.Commands;
        }
    }

    // The gateway plans from the validated spec it accepted; a spec the stages cannot read is planned as one shard of
    // one SFT training, so the generator meets it and reports the fault, as the tests of bad specs expect.
    private async Task<RunStarted> PlanAsync(Guid runId, RunStarted started)
    {
        try
        {
            var plan = await specs.LoadAsync(runId, started.SpecPath, CancellationToken.None);
            return started with { ShardCount = GenerationStage.ShardCount(plan), Trainings = RunFlow.TrainingsOf(plan.Spec), Evaluation = EvaluationOutline.Of(plan.Spec) };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return started with { ShardCount = 1, Trainings = [new PlannedTraining(TrainingAlgorithm.Sft, 1)] };
        }
    }
}

/// <summary>The <see cref="FlowConductor"/>'s ears: each stage event as the RunActor's consumers hand it to the flow.</summary>
internal sealed class FlowConductorConsumer(FlowConductor conductor) :
    IConsumer<RunRequested>, IConsumer<GenerationShardCompleted>, IConsumer<FilteringCompleted>, IConsumer<TrainingCompleted>, IConsumer<EvaluationTaskCompleted>, IConsumer<EvaluationCompleted>
{
    public Task Consume(ConsumeContext<RunRequested> context) => DecideAsync(context, new RunStarted(context.Message.SpecPath, ShardCount: 0, Trainings: []));

    public Task Consume(ConsumeContext<GenerationShardCompleted> context) => DecideAsync(context, new ShardGenerated(context.Message.Iteration, context.Message.ShardIndex));

    public Task Consume(ConsumeContext<FilteringCompleted> context) => DecideAsync(context, new RoundFiltered(context.Message.Iteration));

    public Task Consume(ConsumeContext<TrainingCompleted> context) => DecideAsync(context, new ModelTrained(context.Message.Algorithm, context.Message.Iteration));

    public Task Consume(ConsumeContext<EvaluationTaskCompleted> context) => DecideAsync(context, new EvaluationTaskDone(context.Message.Task.Id, context.Message.Items));

    public Task Consume(ConsumeContext<EvaluationCompleted> context) => DecideAsync(context, new RunEvaluated());

    private async Task DecideAsync<T>(ConsumeContext<T> context, FlowEvent e) where T : class, IRunMessage
    {
        foreach (var command in await conductor.DecideAsync(context.Message.RunId, e))
            await context.SendCommand(command, context.CancellationToken);
    }
}
