using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Samsara.Contracts;

namespace Samsara.Stages.Jobs;

/// <summary>Registers a stage's background job, and once per process the runner that runs and resumes jobs.</summary>
public static class JobRegistrationExtensions
{
    /// <summary>
    /// Adds <typeparamref name="TJob"/> (a singleton) as the job for <typeparamref name="TMessage"/>, resumable from
    /// its records; its consumer calls <see cref="StageJobs.AcceptAsync{TMessage}"/>.
    /// </summary>
    public static IServiceCollection AddStageJob<TMessage, TJob>(this IServiceCollection services)
        where TMessage : class, IRunMessage
        where TJob : class, IStageJob<TMessage>
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ServiceType == typeof(StageJobs)))
        {
            services.AddSingleton<JobRecords>();
            services.AddSingleton<JobLeases>();
            services.AddSingleton<StageJobs>();
            // Bound to configuration by the stage's services (AddGeneratorServices, AddTrainerServices); the defaults where a host (a test's) binds none.
            services.AddOptions<JobOptions>();
            services.TryAddSingleton(TimeProvider.System);
            services.AddBusObserver<StageJobsBusObserver>();
        }
        services.TryAddSingleton<TJob>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJobKind, JobKind<TMessage, TJob>>());
        return services;
    }
}
