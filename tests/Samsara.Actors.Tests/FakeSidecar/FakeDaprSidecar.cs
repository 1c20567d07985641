using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Samsara.Actors.Tests.FakeSidecar;

/// <summary>
/// A stand-in for daprd (no daprd binary can be installed here), following its documented behaviour
/// (reference §1–2, §4): the actor API an app calls (state, reminders, timers, method invocation) with
/// daprd's status codes and error bodies, and the driver side: it reads the app's /dapr/config, calls the
/// app's actor routes one at a time per actor, fires reminders and timers with daprd's bodies, honours
/// <c>X-DaprReminderCancel</c>, and sends DELETE to deactivate. State writes for an actor it does not count
/// as active here get 400 ERR_ACTOR_INSTANCE_MISSING, as daprd's do.
/// </summary>
public sealed partial class FakeDaprSidecar : IAsyncDisposable
{
    private readonly WebApplication web;
    private readonly HttpClient app;
    private readonly Lock sync = new();
    private readonly Dictionary<(string Type, string Id, string Key), byte[]> state = [];
    private readonly HashSet<(string Type, string Id)> active = [];
    private readonly Dictionary<(string Type, string Id, string Name, bool Timer), ScheduledCallback> scheduled = [];
    private readonly ConcurrentDictionary<(string Type, string Id), SemaphoreSlim> turns = new();
    private readonly ConcurrentQueue<string> transactions = new();
    private readonly ConcurrentQueue<string> deliveries = new();
    private readonly ConcurrentQueue<string> registrations = new();
    private readonly CancellationTokenSource stopping = new();
    private Task? scheduler;
    private string[] entities = [];
    private Uri appBase = null!; // an HttpClient's BaseAddress cannot change once used, and apps restart

    private FakeDaprSidecar(WebApplication web, HttpClient app)
    {
        this.web = web;
        this.app = app;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The app's /dapr/config body, as read by <see cref="AttachAppAsync"/>.</summary>
    public string? AppConfig { get; private set; }

    /// <summary>The dapr-api-token header of the last call the app made to this sidecar.</summary>
    public string? LastApiToken { get; private set; }

    /// <summary>Every state transaction body received, in order.</summary>
    public IReadOnlyList<string> Transactions => transactions.ToArray();

    /// <summary>Every reminder/timer registration body received, as "reminder|timer name body".</summary>
    public IReadOnlyList<string> Registrations => registrations.ToArray();

    /// <summary>Every reminder/timer fired at the app, as "remind|timer type/id/name status cancel=bool".</summary>
    public IReadOnlyList<string> Deliveries => deliveries.ToArray();

    /// <summary>Starts the sidecar on a free loopback port.</summary>
    /// <param name="appProtocol">
    /// How it calls the app, as <c>dapr.io/app-protocol</c> says: <c>http</c> (HTTP/1.1) or <c>h2c</c> (HTTP/2 without
    /// TLS, with prior knowledge: an app such as the gateway whose port speaks only HTTP/2).
    /// </param>
    public static async Task<FakeDaprSidecar> StartAsync(string appProtocol = "http")
    {
        var app = appProtocol switch
        {
            "http" => new HttpClient(),
            "h2c" => new HttpClient(new H2cHandler(new SocketsHttpHandler())),
            _ => throw new ArgumentException($"app protocol '{appProtocol}' is not http or h2c", nameof(appProtocol)),
        };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var fake = new FakeDaprSidecar(builder.Build(), app);
        fake.MapActorApi(fake.web);
        await fake.web.StartAsync();
        fake.BaseAddress = new Uri(fake.web.Urls.Single());
        fake.scheduler = fake.RunSchedulerAsync(fake.stopping.Token);
        return fake;
    }

    /// <summary>The app token daprd sends on every call to the app (APP_API_TOKEN), or none.</summary>
    public void UseAppToken(string? token)
    {
        app.DefaultRequestHeaders.Remove("dapr-api-token");
        if (token is not null)
        {
            app.DefaultRequestHeaders.Add("dapr-api-token", token);
        }
    }

    /// <summary>Connects to an app as daprd does on start: reads /dapr/config; nothing is active yet.</summary>
    public async Task AttachAppAsync(Uri appAddress)
    {
        appBase = appAddress;
        using var response = await app.GetAsync(AppUri("/dapr/config"));
        response.EnsureSuccessStatusCode();
        AppConfig = await response.Content.ReadAsStringAsync();
        using var config = JsonDocument.Parse(AppConfig);
        lock (sync)
        {
            entities = config.RootElement.GetProperty("entities").EnumerateArray().Select(e => e.GetString()!).ToArray();
            active.Clear();
            scheduled.Where(s => s.Key.Timer).Select(s => s.Key).ToList().ForEach(k => scheduled.Remove(k));
        }
    }

    /// <summary>Counts an actor as hosted here, as daprd does once placement has put it on this app.</summary>
    public void MarkActive(string type, string id)
    {
        lock (sync)
        {
            active.Add((type, id));
        }
    }

    public bool IsActive(string type, string id)
    {
        lock (sync)
        {
            return active.Contains((type, id));
        }
    }

    public void SetState(string type, string id, string key, string json)
    {
        lock (sync)
        {
            state[(type, id, key)] = Encoding.UTF8.GetBytes(json);
        }
    }

    public string? GetState(string type, string id, string key)
    {
        lock (sync)
        {
            return state.TryGetValue((type, id, key), out var value) ? Encoding.UTF8.GetString(value) : null;
        }
    }

    public IReadOnlyList<ScheduledCallback> Scheduled()
    {
        lock (sync)
        {
            return scheduled.Values.ToList();
        }
    }

    /// <summary>Deactivates an actor as daprd does when it is idle: DELETE, under the actor's turn lock; its timers go.</summary>
    public async Task<HttpStatusCode> DeactivateAsync(string type, string id)
    {
        return await InTurnAsync(type, id, async () =>
        {
            using var response = await app.DeleteAsync(AppUri($"/actors/{Escape(type)}/{Escape(id)}"));
            lock (sync)
            {
                active.Remove((type, id));
                scheduled.Where(s => s.Key.Timer && s.Key.Type == type && s.Key.Id == id).Select(s => s.Key).ToList().ForEach(k => scheduled.Remove(k));
            }

            return response.StatusCode;
        });
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (scheduler is not null)
        {
            await scheduler;
        }

        await web.StopAsync();
        await web.DisposeAsync();
        app.Dispose();
        stopping.Dispose();
    }

    /// <summary>daprd's per-actor lock: calls, reminders, timers and deactivation never overlap for one actor.</summary>
    private async Task<T> InTurnAsync<T>(string type, string id, Func<Task<T>> call)
    {
        var gate = turns.GetOrAdd((type, id), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            return await call();
        }
        finally
        {
            gate.Release();
        }
    }

    private Uri AppUri(string path) => new(appBase, path);

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}

/// <summary>Sends every request as HTTP/2 with prior knowledge, as daprd does with <c>dapr.io/app-protocol: h2c</c>.</summary>
internal sealed class H2cHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Version = HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        return base.SendAsync(request, cancellationToken);
    }
}
