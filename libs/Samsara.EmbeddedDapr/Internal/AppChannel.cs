using System.Net;
using System.Net.Http.Headers;

namespace Samsara.EmbeddedDapr.Internal;

/// <summary>
/// How the sidecar calls the app, as daprd does: every request carries the app token (<c>dapr-api-token</c>), over
/// HTTP/1.1 or HTTP/2 with prior knowledge (h2c), whichever the app's port speaks. <see cref="ConnectAsync"/> finds
/// out by asking each address for <c>/dapr/config</c>.
/// </summary>
internal sealed class AppChannel : IDisposable
{
    public const string TokenHeader = "dapr-api-token";
    private readonly HttpClient http;
    private readonly Uri address;
    private readonly Version version;

    private AppChannel(HttpClient http, Uri address, Version version)
    {
        this.http = http;
        this.address = address;
        this.version = version;
    }

    /// <summary>The first address and protocol that answers <c>GET /dapr/config</c> with 200, and that answer.</summary>
    public static async Task<(AppChannel Channel, string Config)> ConnectAsync(IEnumerable<Uri> addresses, string appToken, CancellationToken ct)
    {
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Add(TokenHeader, appToken);
        var failures = new List<string>();
        foreach (var address in addresses)
        {
            foreach (var version in new[] { HttpVersion.Version20, HttpVersion.Version11 })
            {
                var channel = new AppChannel(http, address, version);
                try
                {
                    using var response = await channel.SendAsync(HttpMethod.Get, "dapr/config", null, ct);
                    var body = await response.Content.ReadAsStringAsync(ct);
                    if (response.StatusCode == HttpStatusCode.OK) return (channel, body);
                    failures.Add($"{address} HTTP/{version}: {(int)response.StatusCode}");
                }
                catch (HttpRequestException ex)
                {
                    failures.Add($"{address} HTTP/{version}: {ex.Message}");
                }
            }
        }

        http.Dispose();
        throw new InvalidOperationException($"The app did not answer GET /dapr/config on any address: {string.Join("; ", failures)}");
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct, Action<HttpRequestHeaders>? headers = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(address, path))
        {
            Content = content,
            Version = version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        headers?.Invoke(request.Headers);
        return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
    }

    public static string ActorPath(ActorKey actor) => $"actors/{Uri.EscapeDataString(actor.Type)}/{Uri.EscapeDataString(actor.Id)}";

    public void Dispose() => http.Dispose();
}
