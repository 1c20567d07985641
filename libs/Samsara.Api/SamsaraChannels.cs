using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;

namespace Samsara.Api;

/// <summary>How Samsara's own clients (the CLI, services calling services) open a channel to a Samsara host.</summary>
public static class SamsaraChannels
{
    /// <summary>
    /// Calls that fail with UNAVAILABLE — the host restarting, or its broker away (StartRun, CancelRun) — are retried
    /// by grpc-dotnet with exponential backoff. Every RunService method is safe to repeat: StartRun carries an
    /// idempotency key, CancelRun of a cancelled run returns it, the rest read. A stream is retried only until its
    /// first message arrives (grpc-dotnet commits the call then).
    /// </summary>
    public static RetryPolicy Retry { get; } = new()
    {
        MaxAttempts = 5,
        InitialBackoff = TimeSpan.FromMilliseconds(250),
        MaxBackoff = TimeSpan.FromSeconds(5),
        BackoffMultiplier = 2,
        RetryableStatusCodes = { StatusCode.Unavailable },
    };

    public static GrpcChannel ForAddress(string address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        ServiceConfig = new ServiceConfig { MethodConfigs = { new MethodConfig { Names = { MethodName.Default }, RetryPolicy = Retry } } },
    });
}
