using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Samsara.Stages.Filtering;
using Samsara.Stages.Generation;
using Samsara.Stages.Jobs;
using Samsara.Stages.Judging;
using Samsara.Stages.Training;

namespace Samsara.Stages.Tests.Hosts;

/// <summary>
/// Each service's container holds its own stage's work and none of the others': what the service hosts call
/// (<see cref="StageServiceCollectionExtensions"/>). That they start with only their own sections present is
/// <see cref="HostSmokeTests"/>'s part.
/// </summary>
public sealed class When_a_service_registers_its_stage
{
    // Per stage: its domain service and the options class it binds (the filter has none).
    private static readonly Dictionary<string, (Type Work, Type? Options)> Stages = new()
    {
        ["generator"] = (typeof(ShardGenerator), typeof(GeneratorServiceOptions)),
        ["filter"] = (typeof(RunFilter), null),
        ["trainer"] = (typeof(RunTrainer), typeof(TrainerOptions)),
        ["judge"] = (typeof(RunJudge), typeof(JudgingOptions)),
    };

    [Theory]
    [InlineData("generator")]
    [InlineData("filter")]
    [InlineData("trainer")]
    [InlineData("judge")]
    public void Should_resolve_its_own_work_and_no_other_stages(string service)
    {
        using var provider = Register(service);

        Assert.NotNull(provider.GetService(Stages[service].Work));
        Assert.NotNull(provider.GetService<RunSpecs>());
        foreach (var (other, (work, options)) in Stages.Where(s => s.Key != service))
        {
            Assert.Null(provider.GetService(work));
            if (options is not null)
                Assert.False(IsBound(provider, options), $"the {service} binds {other}'s {options.Name}");
        }
    }

    [Fact]
    public void Should_keep_the_filter_from_resolving_the_trainer_or_its_options()
    {
        using var provider = Register("filter");

        Assert.Null(provider.GetService<RunTrainer>());
        Assert.Null(provider.GetService<TrainingMonitor>());
        Assert.Empty(provider.GetServices<IConfigureOptions<TrainerOptions>>());
        Assert.Empty(provider.GetServices<IValidateOptions<TrainerOptions>>());
    }

    [Theory]
    [InlineData("generator", true)]
    [InlineData("filter", false)]
    [InlineData("trainer", true)]
    [InlineData("judge", false)]
    public void Should_bind_the_job_options_only_where_jobs_run(string service, bool runsJobs)
    {
        using var provider = Register(service);

        Assert.Equal(runsJobs, IsBound(provider, typeof(JobOptions)));
    }

    [Fact]
    public void Should_register_every_stage_once_in_one_process()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAllStageServices(Configuration());
        using var provider = services.BuildServiceProvider();

        foreach (var (_, (work, options)) in Stages)
        {
            Assert.NotNull(provider.GetService(work));
            if (options is not null) Assert.Single(Validators(provider, options));
        }
        Assert.Single(provider.GetServices<IValidateOptions<ArtifactsOptions>>());
        Assert.Single(provider.GetServices<IValidateOptions<JobOptions>>());
    }

    private static ServiceProvider Register(string service)
    {
        var services = new ServiceCollection().AddLogging();
        var configuration = Configuration();
        _ = service switch
        {
            "generator" => services.AddGeneratorServices(configuration),
            "filter" => services.AddFilterServices(configuration),
            "trainer" => services.AddTrainerServices(configuration),
            "judge" => services.AddJudgeServices(configuration),
            _ => throw new ArgumentOutOfRangeException(nameof(service), service, "no such service"),
        };
        return services.BuildServiceProvider(validateScopes: true);
    }

    private static IConfiguration Configuration() => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Artifacts:Root"] = Path.GetTempPath() })
        .Build();

    // Bound: something configures it from a section (AddValidatedOptions binds and adds a validator).
    private static bool IsBound(IServiceProvider provider, Type options) =>
        provider.GetServices(typeof(IConfigureOptions<>).MakeGenericType(options)).Any() || Validators(provider, options).Any();

    private static IEnumerable<object?> Validators(IServiceProvider provider, Type options) =>
        provider.GetServices(typeof(IValidateOptions<>).MakeGenericType(options));
}
