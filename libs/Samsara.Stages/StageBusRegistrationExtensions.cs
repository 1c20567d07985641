using MassTransit;
using Samsara.Messaging;
using Samsara.Stages.Filtering;
using Samsara.Stages.Generation;
using Samsara.Stages.Judging;
using Samsara.Stages.Training;

namespace Samsara.Stages;

/// <summary>Each service's consumers on its queue; <see cref="AddAllStageConsumers"/> for one process hosting all four.</summary>
public static class StageBusRegistrationExtensions
{
    /// <summary>The trainer's cancellation queue; each trainer process gets its own copy (see <see cref="AddTrainerConsumers"/>).</summary>
    public const string TrainerCancellationQueue = "samsara-trainer-cancel";

    /// <summary>The generator: <c>RunRequested</c> fans out into <c>GenerateShard</c> commands, which generator replicas compete for.</summary>
    public static IBusRegistrationConfigurator AddGeneratorConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddSamsaraConsumer<RunRequestedConsumer>(QueueNames.Generator);
        bus.AddSamsaraConsumer<GenerateShardConsumer>(QueueNames.Generator);
        return bus;
    }

    /// <summary>The filter: <c>GenerationShardCompleted</c>.</summary>
    public static IBusRegistrationConfigurator AddFilterConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddSamsaraConsumer<GenerationShardCompletedConsumer>(QueueNames.Filter);
        return bus;
    }

    /// <summary>
    /// The trainer: <c>FilteringCompleted</c> on the shared queue, one run at a time (it owns the GPU), and
    /// <c>CancelRunRequested</c> on a temporary queue of this process: every trainer replica must hear a cancellation,
    /// since any of them may be training the run, and it must not wait behind the training it is meant to stop.
    /// </summary>
    public static IBusRegistrationConfigurator AddTrainerConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddSamsaraConsumer<FilteringCompletedConsumer>(QueueNames.Trainer, e => e.ConcurrentMessageLimit = 1);
        bus.AddConsumer<CancelRunRequestedConsumer>().Endpoint(e =>
        {
            // Auto-deleted when the process goes: a cancellation only matters to the trainings running now.
            e.Name = $"{TrainerCancellationQueue}-{Guid.NewGuid():N}";
            e.Temporary = true;
        });
        return bus;
    }

    /// <summary>The judge: <c>TrainingCompleted</c>, and <c>JudgePair</c> tasks, which judge replicas compete for.</summary>
    public static IBusRegistrationConfigurator AddJudgeConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddSamsaraConsumer<TrainingCompletedConsumer>(QueueNames.Judge);
        bus.AddJudgePairConsumer();
        return bus;
    }

    /// <summary>Only the <c>JudgePair</c> consumer on the judge's queue (a replica that judges pairs and nothing else).</summary>
    public static IBusRegistrationConfigurator AddJudgePairConsumer(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddSamsaraConsumer<JudgePairConsumer>(QueueNames.Judge);
        return bus;
    }

    /// <summary>Every stage in one process (the embedded <c>samsara run</c>, the tests).</summary>
    public static IBusRegistrationConfigurator AddAllStageConsumers(this IBusRegistrationConfigurator bus) =>
        bus.AddGeneratorConsumers().AddFilterConsumers().AddTrainerConsumers().AddJudgeConsumers();
}
