using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Samsara.ServiceDefaults.Tests;

public class HealthChangeLoggerTests
{
    [Fact]
    public async Task Only_changes_of_status_are_logged()
    {
        var logs = new ListLoggerProvider();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddProvider(logs);
        builder.AddServiceDefaults();
        using var host = builder.Build();
        var publisher = host.Services.GetServices<IHealthCheckPublisher>().Single();

        await publisher.PublishAsync(Report(HealthStatus.Healthy), CancellationToken.None);
        await publisher.PublishAsync(Report(HealthStatus.Unhealthy, "broker down"), CancellationToken.None);
        await publisher.PublishAsync(Report(HealthStatus.Unhealthy, "broker down"), CancellationToken.None);
        await publisher.PublishAsync(Report(HealthStatus.Healthy), CancellationToken.None);

        Assert.Equal(
            ["Health check broker is Unhealthy: broker down", "Health check broker is Healthy again"],
            logs.Messages);
    }

    private static HealthReport Report(HealthStatus status, string? description = null) =>
        new(new Dictionary<string, HealthReportEntry>
        {
            ["broker"] = new(status, description, TimeSpan.Zero, null, null),
        }, TimeSpan.Zero);

    private sealed class ListLoggerProvider : ILoggerProvider, ILogger
    {
        public List<string> Messages { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
