using System.Diagnostics;
using System.Net;
using Samsara.Testing.Network;

namespace Samsara.Testing.Telemetry;

/// <summary>
/// An OpenTelemetry collector stand-in on loopback for processes a test starts: accepts OTLP/HTTP protobuf exports
/// (<c>POST /v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>), answers 200, and keeps the spans of the traces.
/// Point a process at it with <see cref="Environment"/>.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<OtlpSpan> _spans = [];
    private readonly Task _serving;

    private OtlpReceiver(int port)
    {
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        _listener.Prefixes.Add($"{Endpoint}");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    /// <summary>The standard variables that send a .NET OpenTelemetry exporter's batches here, a fifth of a second apart.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
    };

    public IReadOnlyList<OtlpSpan> Spans
    {
        get
        {
            lock (_spans) return [.. _spans];
        }
    }

    public static OtlpReceiver Start()
    {
        // HttpListener cannot bind port 0 and say which it got.
        return new OtlpReceiver(LoopbackPorts.Next());
    }

    /// <summary>Waits until the spans received satisfy <paramref name="complete"/>; throws with <paramref name="context"/> after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<OtlpSpan>> WaitForAsync(Func<IReadOnlyList<OtlpSpan>, bool> complete, TimeSpan timeout, Func<IReadOnlyList<OtlpSpan>, string> context)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var spans = Spans;
            if (complete(spans)) return spans;
            if (clock.Elapsed > timeout) throw new TimeoutException($"OTLP spans incomplete after {timeout}: {context(spans)}");
            await Task.Delay(200);
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening) // stopped while waiting
            {
                return;
            }
            using (var body = new MemoryStream())
            {
                await context.Request.InputStream.CopyToAsync(body);
                if (context.Request.Url?.AbsolutePath == "/v1/traces")
                {
                    var spans = OtlpTraceDecoder.Decode(body.ToArray());
                    lock (_spans) _spans.AddRange(spans);
                }
            }
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under a request in flight: nothing left to receive.
        }
    }
}
