using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Samsara.Api;

/// <summary>Client side of Samsara's API-key authentication.</summary>
public static class ApiKeyChannels
{
    /// <summary>
    /// Calls on <paramref name="channel"/> that carry `authorization: Bearer KEY`; hand it to a generated client
    /// (<c>new RunService.RunServiceClient(channel.WithApiKey(key))</c>). A header rather than call credentials, since
    /// grpc-dotnet sends call credentials only over TLS and Samsara's hosts speak h2c inside the cluster.
    /// </summary>
    public static CallInvoker WithApiKey(this ChannelBase channel, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        var value = $"Bearer {apiKey}";
        return channel.Intercept(headers =>
        {
            headers.Add("authorization", value);
            return headers;
        });
    }
}
