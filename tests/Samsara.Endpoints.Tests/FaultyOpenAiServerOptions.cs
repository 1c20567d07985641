using Samsara.Testing.Endpoints;

namespace Samsara.Endpoints.Tests;

/// <summary>Endpoint settings for a <see cref="FaultyOpenAiServer"/>, with short backoffs so fault tests stay quick.</summary>
internal static class FaultyOpenAiServerOptions
{
    public static EndpointOptions Options(this FaultyOpenAiServer server, int concurrency = 4, int attempts = 4, bool stream = false, TimeSpan? timeout = null) => new()
    {
        BaseUrl = server.BaseUrl,
        Model = FaultyOpenAiServer.Model,
        MaxConcurrency = concurrency,
        MaxAttempts = attempts,
        Stream = stream,
        RequestTimeout = timeout ?? TimeSpan.FromSeconds(30),
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(100),
    };
}
