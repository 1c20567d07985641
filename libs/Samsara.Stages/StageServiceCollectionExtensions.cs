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

/// <summary>What the stage consumers need besides the bus: the artifact store (validated options) and the domain services.</summary>
public static class StageServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>Artifacts</c> options (validated when the host starts), the <see cref="ArtifactStore"/> and every
    /// stage's domain service. Registering all of them is cheap; which consumers run is decided on the bus
    /// (<see cref="StageBusRegistrationExtensions"/>).
    /// </summary>
    public static IServiceCollection AddSamsaraStages(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<ArtifactsOptions>(configuration, ArtifactsOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new ArtifactStore(provider.GetRequiredService<IOptions<ArtifactsOptions>>().Value.Root!));
        services.TryAddSingleton<RunSpecs>();
        services.TryAddSingleton<ShardGenerator>();
        services.TryAddSingleton<RunFilter>();
        services.TryAddSingleton<RunCancellations>();
        services.TryAddSingleton<RunTrainer>();
        services.TryAddSingleton<TrainingMonitor>();
        services.AddValidatedOptions<TrainerOptions>(configuration, TrainerOptions.SectionName);
        services.AddValidatedOptions<JobOptions>(configuration, JobOptions.SectionName);
        services.TryAddSingleton<RunJudge>();
        // The generator's jobs and GeneratorService's model: bound here, the model loaded on its first call.
        services.AddValidatedOptions<GeneratorServiceOptions>(configuration, GeneratorServiceOptions.SectionName);
        services.TryAddSingleton<ServiceModel>();
        services.AddSamsaraJudging(configuration);
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
