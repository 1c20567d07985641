using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Samsara.Messaging.Tests.Support;

namespace Samsara.Messaging.Tests.Configuration;

public class TransportSelectionTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSamsaraMessaging(Settings.Build(settings), bus => bus.AddSamsaraConsumer<RecordingConsumer<Contracts.RunRequested>>(QueueNames.Generator));
        services.AddSingleton(typeof(Recorder<>));
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Without_a_broker_host_the_bus_is_in_memory_and_has_no_broker_check_nor_backlog_gauge()
    {
        await using var provider = Build(Settings.Fast());

        Assert.Equal("loopback", provider.GetRequiredService<IBus>().Address.Scheme);
        var checks = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name);
        Assert.Equal(["messaging-bus"], checks);
        Assert.Empty(BacklogMonitors(provider));
    }

    [Fact]
    public async Task With_a_broker_host_the_bus_is_rabbitmq_with_a_readiness_check_for_the_broker_and_a_backlog_gauge()
    {
        var settings = Settings.Fast();
        settings["Messaging:RabbitMq:Host"] = "127.0.0.1";
        await using var provider = Build(settings);

        Assert.Equal("rabbitmq", provider.GetRequiredService<IBus>().Address.Scheme);
        var checks = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name).Order();
        Assert.Equal(["messaging-bus", "rabbitmq"], checks);
        Assert.Single(BacklogMonitors(provider));
    }

    private static IEnumerable<Microsoft.Extensions.Hosting.IHostedService> BacklogMonitors(ServiceProvider provider) =>
        provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Where(service => service is Internal.QueueBacklogMonitor);

    [Fact]
    public async Task The_broker_check_says_where_it_failed_and_never_shows_the_password()
    {
        var settings = Settings.Fast();
        settings["Messaging:RabbitMq:Host"] = "127.0.0.1";
        settings["Messaging:RabbitMq:Port"] = "1"; // nothing listens on loopback port 1
        settings["Messaging:RabbitMq:Password"] = "s3cret-from-env";
        await using var provider = Build(settings);

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == "rabbitmq");

        var entry = report.Entries["rabbitmq"];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.StartsWith("RabbitMQ at 127.0.0.1:1, virtual host '/' is unreachable", entry.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", entry.Description, StringComparison.Ordinal);
    }
}
