using MassTransit;
using Samsara.Contracts;
using Samsara.Messaging;
using Samsara.Stages.Jobs;
using Samsara.Stages.Cancellation;
using Samsara.Stages.Filtering;
using Samsara.Stages.Generation;
using Samsara.Stages.Judging;
using Samsara.Stages.Training;

namespace Samsara.Stages;

/// <summary>
/// Each service's consumers on its queue, as <see cref="StageServiceCollectionExtensions"/> puts each service's own work
/// in its container; <see cref="AddAllStageConsumers"/> for one process hosting all four.
/// </summary>
public static class StageBusRegistrationExtensions
{
    /// <summary>
    /// The start of each process's cancellation queue, <c>samsara-cancel-{service}-{unique}</c>: every replica of every
    /// stage that holds work for a run must hear a cancellation, so each gets a temporary queue of its own.
    /// </summary>
    public const string CancellationQueuePrefix = "samsara-cancel";

    /// <summary>
    /// The generator: <c>GenerateShard</c> commands, which generator replicas compete for, accepted at once and generated
    /// as background <see cref="GenerationJob"/>s (<c>Generator:MaxConcurrentJobs</c> at a time).
    /// </summary>
    public static IBusRegistrationConfigurator AddGeneratorConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddStageJob<GenerateShard, GenerationJob>();
        bus.AddSamsaraConsumer<GenerateShardConsumer>(QueueNames.Generator);
        bus.AddCancellationConsumer("generator");
        return bus;
    }

    /// <summary>The filter: <c>FilterRun</c>.</summary>
    public static IBusRegistrationConfigurator AddFilterConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddSamsaraConsumer<FilterRunConsumer>(QueueNames.Filter);
        bus.AddCancellationConsumer("filter");
        return bus;
    }

    /// <summary>
    /// The trainer: <c>TrainModel</c> on the shared queue, accepted at once and trained as a background
    /// <see cref="TrainingJob"/> (<c>Trainer:MaxConcurrentJobs</c> at a time, one by default: it owns the GPU), and
    /// <c>CancelRunRequested</c> on a temporary queue of this process.
    /// </summary>
    public static IBusRegistrationConfigurator AddTrainerConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddStageJob<TrainModel, TrainingJob>();
        bus.AddSamsaraConsumer<TrainModelConsumer>(QueueNames.Trainer);
        bus.AddCancellationConsumer("trainer");
        return bus;
    }

    /// <summary>
    /// The judge: a run's <c>EvaluationTask</c>s and judging jobs' <c>JudgeJobBatch</c>es, which judge replicas compete
    /// for, <c>Judging:ConcurrentTasks</c> at a time per replica (<see cref="JudgeQueueConcurrency"/>). It checks a run's
    /// (a job's) cancellation marker before each task; tasks are short and not interrupted, so it needs no cancellation queue.
    /// </summary>
    public static IBusRegistrationConfigurator AddJudgeConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddSamsaraConsumer<EvaluationTaskConsumer>(QueueNames.Judge);
        bus.AddSamsaraConsumer<JudgeJobBatchConsumer>(QueueNames.Judge);
        return bus;
    }

    /// <summary>Every stage in one process (the embedded <c>samsara run</c>, the tests).</summary>
    public static IBusRegistrationConfigurator AddAllStageConsumers(this IBusRegistrationConfigurator bus) =>
        bus.AddGeneratorConsumers().AddFilterConsumers().AddTrainerConsumers().AddJudgeConsumers();

    /// <summary>
    /// <c>CancelRunRequested</c> on a temporary queue of this process (once, however many stages it hosts): it stops the
    /// process's work on the run through <see cref="Cancellation.RunCancellations"/> and announces <c>RunCancelled</c>.
    /// </summary>
    private static void AddCancellationConsumer(this IBusRegistrationConfigurator bus, string service)
    {
        if (bus.Any(d => d.ServiceType == typeof(CancelRunRequestedConsumer)))
            return;
        bus.AddConsumer<CancelRunRequestedConsumer>().Endpoint(e =>
        {
            // Auto-deleted when the process goes: a cancellation only matters to the work running now (later work
            // finds the run's marker in the artifact store).
            e.Name = $"{CancellationQueuePrefix}-{service}-{Guid.NewGuid():N}";
            e.Temporary = true;
        });
    }
}
