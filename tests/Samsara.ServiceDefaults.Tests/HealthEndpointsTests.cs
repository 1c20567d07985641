using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Samsara.ServiceDefaults.Tests;

public class HealthEndpointsTests
{
    [Fact]
    public async Task Both_endpoints_answer_healthy_when_every_check_passes()
    {
        await using var app = await LoopbackApp.StartAsync(builder =>
            builder.Services.AddHealthChecks().AddCheck("broker", () => HealthCheckResult.Healthy("reachable")));

        using var live = await app.Client.GetAsync(new Uri(ServiceDefaultsExtensions.LivenessPath, UriKind.Relative));
        using var ready = await app.Client.GetAsync(new Uri(ServiceDefaultsExtensions.ReadinessPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task A_failing_dependency_makes_the_service_unready_but_not_dead()
    {
        await using var app = await LoopbackApp.StartAsync(builder =>
            builder.Services.AddHealthChecks().AddCheck("broker", () => HealthCheckResult.Unhealthy("RabbitMQ at 127.0.0.1:5672 is unreachable")));

        using var live = await app.Client.GetAsync(new Uri(ServiceDefaultsExtensions.LivenessPath, UriKind.Relative));
        using var ready = await app.Client.GetAsync(new Uri(ServiceDefaultsExtensions.ReadinessPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }

    [Fact]
    public async Task The_readiness_report_names_each_check_with_its_reason()
    {
        await using var app = await LoopbackApp.StartAsync(builder =>
            builder.Services.AddHealthChecks().AddCheck("broker", () => HealthCheckResult.Unhealthy("RabbitMQ at 127.0.0.1:5672 is unreachable")));

        using var ready = await app.Client.GetAsync(new Uri(ServiceDefaultsExtensions.ReadinessPath, UriKind.Relative));
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());

        Assert.Equal("application/json; charset=utf-8", ready.Content.Headers.ContentType?.ToString());
        var root = report.RootElement;
        Assert.Equal("Unhealthy", root.GetProperty("status").GetString());
        Assert.Equal("Healthy", root.GetProperty("checks").GetProperty("self").GetProperty("status").GetString());
        var broker = root.GetProperty("checks").GetProperty("broker");
        Assert.Equal("Unhealthy", broker.GetProperty("status").GetString());
        Assert.Equal("RabbitMQ at 127.0.0.1:5672 is unreachable", broker.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Liveness_runs_only_the_checks_tagged_live()
    {
        await using var app = await LoopbackApp.StartAsync(builder =>
            builder.Services.AddHealthChecks().AddCheck("broker", () => HealthCheckResult.Unhealthy("down")));

        using var live = await app.Client.GetAsync(new Uri(ServiceDefaultsExtensions.LivenessPath, UriKind.Relative));
        using var report = JsonDocument.Parse(await live.Content.ReadAsStringAsync());

        Assert.Equal(["self"], report.RootElement.GetProperty("checks").EnumerateObject().Select(check => check.Name));
    }
}
