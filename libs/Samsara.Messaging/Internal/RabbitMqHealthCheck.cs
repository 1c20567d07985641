using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Samsara.Messaging.Internal;

/// <summary>
/// Readiness: opens (and closes) an AMQP connection to the configured broker with the configured credentials.
/// MassTransit's own bus check says whether the bus's endpoints are up; this one says why not when the broker
/// is unreachable or refuses the login, naming host, port and virtual host (never the password).
/// </summary>
internal sealed class RabbitMqHealthCheck(IOptions<MessagingOptions> options) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var broker = options.Value.RabbitMq;
        var where = $"RabbitMQ at {broker.Host}:{broker.Port}, virtual host '{broker.VirtualHost}'";
        var factory = new ConnectionFactory
        {
            HostName = broker.Host!,
            Port = broker.Port,
            VirtualHost = broker.VirtualHost,
            UserName = broker.Username,
            Password = broker.Password,
            RequestedConnectionTimeout = Timeout,
            AutomaticRecoveryEnabled = false,
        };

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            await using var connection = await factory.CreateConnectionAsync("samsara-health", timeout.Token).ConfigureAwait(false);
            await connection.CloseAsync(timeout.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{where} accepted a connection.");
        }
        catch (Exception exception) // whatever stops the connection is the check's answer, not a failure of the check
        {
            var reason = exception.InnerException?.Message ?? exception.Message;
            return new HealthCheckResult(context.Registration.FailureStatus, $"{where} is unreachable: {reason}");
        }
    }
}
