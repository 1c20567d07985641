using Samsara.Testing.Broker;
using System.Globalization;
using System.Net;
using Samsara.Api;
using Grpc.Net.Client;
using Samsara.Api.Auth;
using Samsara.Api.V1;
using Samsara.Testing.Telemetry;

namespace Samsara.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Samsara as deployed: gateway, generator, filter, trainer and judge, each its own process, over a RabbitMQ virtual
/// host of their own, sharing one artifact store. Services can be killed and started again on the same state (the
/// gateway's actor file, each service's processed-event file), as a pod is rescheduled; every incarnation's output
/// is kept, so a test can count what was done across restarts. Every service exports its traces and metrics over
/// OTLP to <see cref="Telemetry"/>, as it would to a collector.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    public const string ApiKey = "e2e-key";
    public const string Gateway = "gateway";
    public const string Generator = "generator";
    public const string Filter = "filter";
    public const string Trainer = "trainer";
    public const string Judge = "judge";

    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(120);
    private static readonly Dictionary<string, string> Projects = new()
    {
        [Gateway] = "Samsara.Gateway", [Generator] = "Samsara.Generator", [Filter] = "Samsara.Filter", [Trainer] = "Samsara.Trainer", [Judge] = "Samsara.Judge",
    };

    private readonly Dictionary<string, ServiceProcess> running = [];
    private readonly List<(string Service, ServiceProcess Process)> all = [];
    private readonly RabbitMqVhost vhost;

    private Cluster(string root, RabbitMqVhost vhost)
    {
        Root = root;
        this.vhost = vhost;
    }

    public string Root { get; }

    public string Artifacts => Path.Combine(Root, "artifacts");

    public RabbitMqVhost Vhost => vhost;

    /// <summary>The collector every service exports to.</summary>
    public OtlpReceiver Telemetry { get; } = OtlpReceiver.Start();

    public int GatewayPort => running[Gateway].Port;

    /// <summary>The port <paramref name="service"/> listens on now (gRPC and health, HTTP/2).</summary>
    public int PortOf(string service) => running[service].Port;

    /// <summary>A new virtual host, the tiny inputs in a new artifact store, and the five services, ready.</summary>
    public static async Task<Cluster> StartAsync()
    {
        var root = Directory.CreateTempSubdirectory("samsara-e2e-").FullName;
        var cluster = new Cluster(root, await RabbitMqVhost.CreateAsync());
        TinyPipeline.WriteInputs(cluster.Artifacts);
        await Task.WhenAll(Projects.Keys.Select(cluster.StartAsync));
        return cluster;
    }

    /// <summary>Starts <paramref name="service"/> (again) and waits until it is ready.</summary>
    public Task StartAsync(string service) => StartAsync(service, null);

    /// <summary>Starts <paramref name="service"/> (again) with <paramref name="settings"/> over its usual configuration.</summary>
    public async Task StartAsync(string service, IReadOnlyDictionary<string, string>? settings)
    {
        var configuration = Configuration(service);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) configuration[key] = value;
        // Started elsewhere than the artifact root on purpose: the spec's relative paths must resolve in the store,
        // not in a service's working directory.
        var process = ServiceProcess.Start(service, Projects[service], Path.GetTempPath(), configuration);
        lock (all)
        {
            running[service] = process;
            all.Add((service, process));
        }
        await WaitReadyAsync(process);
    }

    /// <summary>SIGKILLs the running <paramref name="service"/>.</summary>
    public void Kill(string service) => running[service].Kill();

    /// <summary>A client of the gateway running now (its port changes when it is restarted).</summary>
    public RunService.RunServiceClient Client() => new(GrpcChannel.ForAddress(new Uri($"http://127.0.0.1:{GatewayPort}")).WithApiKey(ApiKey));

    /// <summary>Every line every incarnation of <paramref name="service"/> printed.</summary>
    public IEnumerable<string> LogsOf(string service)
    {
        lock (all) return all.Where(p => p.Service == service).SelectMany(p => p.Process.Lines).ToList();
    }

    /// <summary>The last lines of each running service, for failure messages.</summary>
    public string Tails()
    {
        lock (all) return string.Join('\n', running.Values.Select(s => s.Tail()));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, process) in all) process.Dispose();
        Telemetry.Dispose();
        await vhost.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process that is still letting go of a file: the temp folder is cleaned up eventually.
        }
    }

    private Dictionary<string, string> Configuration(string service)
    {
        var settings = new Dictionary<string, string>
        {
            ["Artifacts:Root"] = Artifacts,
            ["Messaging:RabbitMq:Host"] = RabbitMqVhost.Host,
            ["Messaging:RabbitMq:Port"] = RabbitMqVhost.Port.ToString(CultureInfo.InvariantCulture),
            ["Messaging:RabbitMq:VirtualHost"] = vhost.Name,
            ["Messaging:RabbitMq:Username"] = "guest",
            ["Messaging:RabbitMq:Password"] = "guest",
            // As a deployment would: processed event ids outlive a restart of the service.
            ["Messaging:Idempotency:SqlitePath"] = Path.Combine(Root, $"{service}-processed.db"),
            // A poison message reaches the error queue in about a second rather than a minute.
            ["Messaging:Retry:Limit"] = "2",
            ["Messaging:Retry:MinInterval"] = "00:00:00.200",
            ["Messaging:Retry:MaxInterval"] = "00:00:01",
            ["Messaging:Retry:IntervalDelta"] = "00:00:00.200",
        };
        foreach (var (key, value) in Telemetry.Environment) settings[key] = value;
        if (service != Gateway)
        {
            // Each stage host's own gRPC API takes the gateway's key here (the gateway reads Gateway:ApiKeys).
            settings["Grpc:ApiKeys:0:Name"] = "e2e";
            settings["Grpc:ApiKeys:0:Sha256"] = ApiKeyAuthenticator.Hash(ApiKey);
        }
        if (service == Gateway)
        {
            settings["Gateway:ArtifactRoot"] = Artifacts;
            settings["Gateway:StatePath"] = Path.Combine(Root, "gateway.db");
            settings["Gateway:WatchPollInterval"] = "00:00:00.500";
            settings["Gateway:ApiKeys:0:Name"] = "e2e";
            settings["Gateway:ApiKeys:0:Sha256"] = ApiKeyAuthenticator.Hash(ApiKey);
        }
        return settings;
    }

    /// <summary>/health/ready answers 200 (every host's endpoint speaks only HTTP/2, with prior knowledge, for gRPC).</summary>
    public static async Task WaitReadyAsync(ServiceProcess service)
    {
        using var http = new HttpClient
        {
            Timeout = TimeSpan.FromSeconds(5),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var deadline = DateTime.UtcNow + ReadyWithin;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            if (service.HasExited) Assert.Fail($"{service.Name} exited before it was ready\n{service.Tail()}");
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{service.Port}/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK) return;
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException)
            {
                last = "timed out";
            }
            await Task.Delay(250);
        }
        Assert.Fail($"{service.Name} was not ready within {ReadyWithin.TotalSeconds} s (last answer: {last})\n{service.Tail()}");
    }
}
