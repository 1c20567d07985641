using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Samsara.Endpoints.Judging;
using Samsara.Artifacts;
using Samsara.ServiceDefaults;
using Samsara.Stages.Cancellation;
using Samsara.Stages.Filtering;
using Samsara.Stages.Generation;
using Samsara.Stages.Jobs;
using Samsara.Stages.Judging;
using Samsara.Stages.Training;

namespace Samsara.Stages;

/// <summary>
/// Each service's own work in its container, as <see cref="StageBusRegistrationExtensions"/> puts each service's
/// consumers on the bus: the generator, filter, trainer and judge hosts each call only theirs, so none binds, validates
/// or can resolve another stage's options and domain services; <see cref="AddAllStageServices"/> for one process hosting
/// all four. Every one adds the shared core (<see cref="AddStageCore"/>).
/// </summary>
public static class StageServiceCollectionExtensions
{
    /// <summary>
    /// The generator: <see cref="ShardGenerator"/> for <c>GenerateShard</c>, the <c>Generator</c> options (validated
    /// when the host starts) and GeneratorService's model (loaded on its first call), and the job options.
    /// </summary>
    public static IServiceCollection AddGeneratorServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStageCore(configuration).AddJobOptions(configuration);
        services.AddValidatedOptions<GeneratorServiceOptions>(configuration, GeneratorServiceOptions.SectionName);
        services.TryAddSingleton<ShardGenerator>();
        services.TryAddSingleton<LocalModelSlots>();
        services.TryAddSingleton<ServiceModel>();
        return services;
    }

    /// <summary>The filter: <see cref="RunFilter"/> for <c>FilterRun</c>; it has no options of its own.</summary>
    public static IServiceCollection AddFilterServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStageCore(configuration);
        services.TryAddSingleton<RunFilter>();
        return services;
    }

    /// <summary>
    /// The trainer: <see cref="RunTrainer"/> for <c>TrainModel</c>, the <see cref="TrainingMonitor"/> TrainerService
    /// reports from, the <c>Trainer</c> options (validated when the host starts) and the job options.
    /// </summary>
    public static IServiceCollection AddTrainerServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStageCore(configuration).AddJobOptions(configuration);
        services.AddValidatedOptions<TrainerOptions>(configuration, TrainerOptions.SectionName);
        services.TryAddSingleton<TrainingMonitor>();
        services.TryAddSingleton<RunTrainer>();
        return services;
    }

    /// <summary>
    /// The judge: <see cref="RunJudge"/> for <c>EvaluationTask</c>, and what judging jobs (<c>JudgeJobBatch</c>, JudgeService) need
    /// (<see cref="AddSamsaraJudging"/>: the <c>Judging</c> options, validated when the host starts).
    /// </summary>
    public static IServiceCollection AddJudgeServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStageCore(configuration);
        services.TryAddSingleton<RunJudge>();
        services.AddSamsaraJudging(configuration);
        return services;
    }

    /// <summary>Every stage in one process (the embedded <c>samsara run</c>, the tests).</summary>
    public static IServiceCollection AddAllStageServices(this IServiceCollection services, IConfiguration configuration) =>
        services.AddGeneratorServices(configuration).AddFilterServices(configuration)
            .AddTrainerServices(configuration).AddJudgeServices(configuration);

    /// <summary>
    /// What every stage needs, once however many stages a process hosts: the <c>Artifacts</c> options (validated when
    /// the host starts), the <see cref="ArtifactStore"/>, the runs' plans (<see cref="RunSpecs"/>) and cancellations.
    /// </summary>
    private static IServiceCollection AddStageCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(RunSpecs)))
            return services;
        services.AddValidatedOptions<ArtifactsOptions>(configuration, ArtifactsOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new ArtifactStore(provider.GetRequiredService<IOptions<ArtifactsOptions>>().Value.Root!));
        services.TryAddSingleton<RunSpecs>();
        services.TryAddSingleton<RunCancellations>();
        return services;
    }

    /// <summary>
    /// The <c>Jobs</c> options of the stages that run background jobs (generator, trainer), bound once per process;
    /// the job runner itself comes with the stage's bus registration (<see cref="JobRegistrationExtensions"/>).
    /// </summary>
    private static IServiceCollection AddJobOptions(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<JobOptions>)))
            return services;
        services.AddValidatedOptions<JobOptions>(configuration, JobOptions.SectionName);
        return services;
    }

    /// <summary>
    /// What a judge replica needs for its tasks: the <c>Judging</c> options (validated when the host starts), its judges,
    /// its judging jobs and its queue's concurrency. The host registers the <see cref="ArtifactStore"/>.
    /// </summary>
    public static IServiceCollection AddSamsaraJudging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<JudgingOptions>(configuration, JudgingOptions.SectionName);
        // One client per endpoint for the whole host (judging jobs' batches and run evaluations): its cap on
        // requests in flight is the replica's.
        services.TryAddSingleton(provider =>
        {
            var openAi = provider.GetRequiredService<IOptions<JudgingOptions>>().Value.OpenAi;
            var logger = provider.GetService<ILoggerFactory>()?.CreateLogger<EndpointJudgeModels>();
            return new EndpointJudgeModels(openAi.For, openAi.MaxTokens, logger) { Prices = [.. openAi.Prices] };
        });
        services.TryAddSingleton<PairJudges>();
        // Judging jobs (JudgeService calls): sent from the replica that took the call, judged by any; they need the
        // artifact store for their cancellation markers.
        services.TryAddSingleton<JudgeJobCancellations>();
        services.TryAddSingleton<JudgingJobs>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MassTransit.IConfigureReceiveEndpoint, JudgeQueueConcurrency>());
        return services;
    }
}
