using Microsoft.Extensions.Configuration;
using Samsara.Deploy.Tests.Support;
using Samsara.Api.Server;
using Samsara.Gateway;
using Samsara.Messaging;
using Samsara.ServiceDefaults.Telemetry;
using Samsara.Stages;
using Samsara.Stages.Judging;

namespace Samsara.Deploy.Tests.Chart;

/// <summary>
/// Every setting the chart gives a container is a key the service reads: the environment (ConfigMaps, env, the API key
/// Secret the chart makes) is bound to the services' real options classes with unknown keys as errors, so a typo in
/// the chart (Messaging__RabbitMq__Hots) fails here instead of being silently ignored by the service.
/// </summary>
public sealed class ConfigurationKeysTests
{
    // Sections read by hand or by the framework, and the plain variables the runtime reads.
    private static readonly HashSet<string> OtherKeys = new(StringComparer.Ordinal)
    {
        "Actors:Runtime", "Kestrel:Endpoints:Grpc:Url", "Kestrel:Endpoints:Http:Url", "Kestrel:Endpoints:Http:Protocols",
        "Logging:LogLevel:Default", "ASPNETCORE_HTTP_PORTS", "DOTNET_EnableDiagnostics",
        TelemetryExtensions.PrometheusEnabledKey, TelemetryExtensions.OtlpEndpointKey, "OTEL_EXPORTER_OTLP_PROTOCOL",
    };

    [Theory]
    [MemberData(nameof(ChartVariant.Names), MemberType = typeof(ChartVariant))]
    public void Every_setting_binds_to_the_services_options(string variant)
    {
        var chart = RenderedChart.Render(ChartVariant.Named(variant));
        foreach (var component in new[] { "gateway", "generator", "filter", "trainer", "judge" })
        {
            var container = Assert.Single(chart.Workload(component).Containers);
            var configuration = ToConfiguration(chart.Environment(container));

            Bind<MessagingOptions>(configuration, MessagingOptions.SectionName, component);
            Bind<GrpcHostOptions>(configuration, GrpcHostOptions.SectionName, component);
            var known = new List<string>(OtherKeys);
            known.AddRange(Keys(configuration.GetSection(MessagingOptions.SectionName)));
            known.AddRange(Keys(configuration.GetSection(GrpcHostOptions.SectionName)));
            if (component == "gateway")
            {
                var gateway = Bind<GatewayOptions>(configuration, GatewayOptions.SectionName, component);
                Assert.Equal(container.Maps("volumeMounts").Single(m => m.Text("name") == "artifacts").Text("mountPath"), gateway.ArtifactRoot);
                known.AddRange(Keys(configuration.GetSection(GatewayOptions.SectionName)));
            }
            else
            {
                var artifacts = Bind<ArtifactsOptions>(configuration, ArtifactsOptions.SectionName, component);
                // Required by the stages; it must be where the artifact store is mounted.
                Assert.Equal(container.Maps("volumeMounts").Single(m => m.Text("name") == "artifacts").Text("mountPath"), artifacts.Root);
                known.AddRange(Keys(configuration.GetSection(ArtifactsOptions.SectionName)));
            }
            if (component == "judge")
            {
                // values' judge.concurrentTasks, as the judge's options read it.
                Assert.Equal("1", configuration["Judging:ConcurrentTasks"]);
                Assert.Equal(1, Bind<JudgingOptions>(configuration, JudgingOptions.SectionName, component).ConcurrentTasks);
                known.AddRange(Keys(configuration.GetSection(JudgingOptions.SectionName)));
            }

            var unknown = Keys(configuration).Except(known, StringComparer.Ordinal).ToList();
            Assert.True(unknown.Count == 0, $"{component}: settings no service reads: {string.Join(", ", unknown)}");
            Assert.Equal(RenderedChart.SecretPlaceholder, configuration["Messaging:RabbitMq:Host"]);
        }
    }

    [Fact]
    public void Api_keys_given_in_values_reach_the_gateway_as_its_options()
    {
        var chart = RenderedChart.Render(ChartVariant.RedisWithKeys);
        var container = Assert.Single(chart.Workload("gateway").Containers);
        var options = Bind<GatewayOptions>(ToConfiguration(chart.Environment(container)), GatewayOptions.SectionName, "gateway");
        var key = Assert.Single(options.ApiKeys);
        Assert.Equal(("ci", new string('a', 64), true), (key.Name, key.Sha256, key.Admin));
    }

    [Fact]
    public void Read_only_roots_are_mounted_read_only_on_every_pod_and_reach_the_gateway_as_its_options()
    {
        var chart = RenderedChart.Render(ChartVariant.Production);
        var gateway = Assert.Single(chart.Workload("gateway").Containers);
        var options = Bind<GatewayOptions>(ToConfiguration(chart.Environment(gateway)), GatewayOptions.SectionName, "gateway");
        Assert.Equal(["/models"], options.ReadOnlyRoots);
        foreach (var component in new[] { "gateway", "generator", "filter", "trainer", "judge" })
        {
            // Every service reads the run's spec with the gateway's absolute paths, so the root is at the same path everywhere.
            var mount = Assert.Single(Assert.Single(chart.Workload(component).Containers).Maps("volumeMounts"), m => m.Text("name") == "ro-models");
            Assert.Equal(("/models", "true"), (mount.Text("mountPath"), mount.Text("readOnly")));
        }
    }

    [Fact]
    public void Api_keys_given_in_values_reach_every_stage_services_grpc_api()
    {
        var chart = RenderedChart.Render(ChartVariant.RedisWithKeys);
        foreach (var component in new[] { "generator", "filter", "trainer", "judge" })
        {
            var container = Assert.Single(chart.Workload(component).Containers);
            var options = Bind<GrpcHostOptions>(ToConfiguration(chart.Environment(container)), GrpcHostOptions.SectionName, component);
            var key = Assert.Single(options.ApiKeys);
            Assert.Equal(("ci", new string('a', 64), true), (key.Name, key.Sha256, key.Admin));
        }
    }

    [Fact]
    public void Judge_endpoint_settings_in_values_reach_the_judge_as_its_options()
    {
        JudgeEndpointOptions OpenAi(RenderedChart chart) =>
            Bind<JudgingOptions>(ToConfiguration(chart.Environment(Assert.Single(chart.Workload("judge").Containers))), JudgingOptions.SectionName, "judge").OpenAi;

        var defaults = OpenAi(RenderedChart.Render(ChartVariant.Default));
        var code = new JudgeEndpointOptions();
        Assert.Equal((code.MaxConcurrency, code.RateLimitPatienceSeconds, 0), (defaults.MaxConcurrency, defaults.RateLimitPatienceSeconds, defaults.Prices.Count));

        var set = OpenAi(RenderedChart.Render(ChartVariant.Default, "judge.openai.maxConcurrency=3", "judge.openai.rateLimitPatienceSeconds=60",
            // --set reads 2.5 as a string (a values file gives a number); whole numbers pass either way.
            "judge.openai.prices[0].model=gpt-4o", "judge.openai.prices[0].inputPerMillion=3", "judge.openai.prices[0].outputPerMillion=15"));
        Assert.Equal((3, 60), (set.MaxConcurrency, set.RateLimitPatienceSeconds));
        var price = Assert.Single(set.Prices);
        Assert.Equal(("gpt-4o", 3m, 15m), (price.Model, price.InputPerMillion, price.OutputPerMillion));
        Assert.Equal((3, TimeSpan.FromMinutes(1)), (set.For(new Uri("http://judge:8000/v1"), "gpt-4o").MaxConcurrency, set.For(new Uri("http://judge:8000/v1"), "gpt-4o").RateLimitPatience));
    }

    [Theory]
    [InlineData("judge.openai.maxConcurrency=0", "judge.openai.maxConcurrency: Must be greater than or equal to 1")]
    [InlineData("judge.openai.prices[0].model=gpt-4o", "judge.openai.prices.0: inputPerMillion is required")]
    public void Bad_judge_endpoint_values_are_refused_by_the_schema(string set, string message)
    {
        var result = Helm.Template(ChartVariant.Default, set);
        Assert.True(result.ExitCode != 0, $"--set {set} was accepted:\n{result.Describe()}");
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_key_is_caught()
    {
        var configuration = ToConfiguration(new Dictionary<string, string> { ["Messaging__RabbitMq__Hots"] = "broker" });
        var error = Assert.Throws<InvalidOperationException>(() =>
            configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>(o => o.ErrorOnUnknownConfiguration = true));
        Assert.Contains("Hots", error.Message, StringComparison.Ordinal);
    }

    private static T Bind<T>(IConfiguration configuration, string section, string component)
        where T : class, new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>(o => o.ErrorOnUnknownConfiguration = true) ?? new T();
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{component}: the chart's {section} settings do not bind to {typeof(T).Name}: {ex.Message}", ex);
        }
    }

    // Environment variable names use __ for the configuration key separator, as ASP.NET Core reads them.
    private static IConfigurationRoot ToConfiguration(IDictionary<string, string> environment) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(pair => KeyValuePair.Create(pair.Key.Replace("__", ":", StringComparison.Ordinal), (string?)pair.Value)))
            .Build();

    private static IEnumerable<string> Keys(IConfiguration configuration) =>
        configuration.AsEnumerable().Where(pair => pair.Value is not null).Select(pair => pair.Key);
}
