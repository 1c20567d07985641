namespace Samsara.Actors;

/// <summary>
/// Settings of the Dapr runtime. By default they come from the environment daprd's injector sets:
/// <c>DAPR_HTTP_PORT</c>, <c>DAPR_API_TOKEN</c> and <c>APP_API_TOKEN</c>.
/// </summary>
public sealed class DaprActorOptions
{
    /// <summary>daprd's HTTP API: <c>Actors:Dapr:HttpEndpoint</c>, else <c>http://127.0.0.1:{DAPR_HTTP_PORT}</c> (port 3500 by default).</summary>
    public Uri HttpEndpoint { get; set; } = new("http://127.0.0.1:3500");

    /// <summary>Sent to daprd as <c>dapr-api-token</c> when set (<c>DAPR_API_TOKEN</c>).</summary>
    public string? ApiToken { get; set; }

    /// <summary>When set (<c>APP_API_TOKEN</c>), calls from daprd must carry it as <c>dapr-api-token</c>, or get 401.</summary>
    public string? AppApiToken { get; set; }
}
