using MassTransit;
using Microsoft.Extensions.Options;
using Samsara.Api.Server;

namespace Samsara.Gateway.Runs;

/// <summary>
/// Publishes for a gRPC call, and answers UNAVAILABLE when the broker does not take the message in time. MassTransit
/// waits for a lost broker connection to come back, so without a bound a StartRun during a broker outage would hang
/// until the caller's deadline (forever, without one); every step before the publish is idempotent, so the caller's
/// retry (the same idempotency key; Samsara's clients retry UNAVAILABLE) finishes the work once the broker is back.
/// </summary>
public sealed class BrokerPublisher(IPublishEndpoint publish, IOptions<GatewayOptions> options)
{
    public async Task PublishAsync<T>(T message, CancellationToken ct)
        where T : class
    {
        var timeout = options.Value.PublishTimeout;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(timeout);
        try
        {
            await publish.Publish(message, bounded.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw RpcErrors.Unavailable($"the message broker did not take {typeof(T).Name} within {timeout.TotalSeconds:0.#} s (Gateway:PublishTimeout); retry");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw RpcErrors.Unavailable($"the message broker refused {typeof(T).Name} ({e.Message}); retry");
        }
    }
}
