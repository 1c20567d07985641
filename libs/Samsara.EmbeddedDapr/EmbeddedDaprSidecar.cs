using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Samsara.EmbeddedDapr.Internal;

namespace Samsara.EmbeddedDapr;

/// <summary>
/// A stand-in for daprd, in process: the actor API the Dapr .NET SDK calls, on a loopback port with a random API
/// token (<see cref="ApiToken"/>, what daprd reads from DAPR_API_TOKEN), calling the app back with another random
/// token (<see cref="AppToken"/>, daprd's APP_API_TOKEN). State and reminders live in SQLite, so they survive a
/// restart; timers and activations do not, as with daprd.
/// </summary>
public sealed partial class EmbeddedDaprSidecar : IAsyncDisposable
{
    private readonly WebApplication web;
    private readonly SidecarStore store;
    private readonly ActorDriver driver;
    private readonly EmbeddedDaprSidecarOptions options;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<AppChannel> channels = [];
    private Task? scheduler;
    private int disposed;

    private EmbeddedDaprSidecar(WebApplication web, SidecarStore store, ActorDriver driver, EmbeddedDaprSidecarOptions options, ILogger logger)
    {
        this.web = web;
        this.store = store;
        this.driver = driver;
        this.options = options;
        this.logger = logger;
    }

    /// <summary>Where the app reaches the sidecar (the SDK's <c>ActorRuntimeOptions.HttpEndpoint</c>).</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>What the app must send as <c>dapr-api-token</c>.</summary>
    public string ApiToken { get; } = NewToken();

    /// <summary>What the sidecar sends the app as <c>dapr-api-token</c>.</summary>
    public string AppToken { get; } = NewToken();

    /// <summary>The app's <c>/dapr/config</c> answer, once attached.</summary>
    public string? AppConfigJson { get; private set; }

    /// <summary>Opens the store and starts serving on 127.0.0.1 at a port the OS picks; nothing reaches an app before <see cref="AttachAsync"/>.</summary>
    public static async Task<EmbeddedDaprSidecar> StartAsync(EmbeddedDaprSidecarOptions options, ILoggerFactory? loggers = null, TimeProvider? clock = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        loggers ??= NullLoggerFactory.Instance;
        clock ??= TimeProvider.System;
        var logger = loggers.CreateLogger<EmbeddedDaprSidecar>();
        var store = new SidecarStore(options.DatabasePath!, clock);
        var driver = new ActorDriver(store, clock, options.ReminderRetryInterval, logger);
        // An empty builder: the app's environment (ASPNETCORE_URLS, Kestrel__Endpoints__…) configures the app, not this.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRouting();
        var web = builder.Build();
        var sidecar = new EmbeddedDaprSidecar(web, store, driver, options, logger);
        // The SDK joins an endpoint that ends in '/' (as its own DAPR_HTTP_ENDPOINT parsing makes it) with "/v1.0/…";
        // daprd's router cleans the doubled slash, so this one does too, before routing.
        web.Use((context, next) =>
        {
            var path = context.Request.Path.Value;
            if (path is not null && path.StartsWith("//", StringComparison.Ordinal)) context.Request.Path = "/" + path.TrimStart('/');
            return next(context);
        });
        web.UseRouting();
        SidecarApi.Map(web, driver, sidecar.ApiToken);
        await web.StartAsync(ct);
        sidecar.Endpoint = new Uri(web.Urls.Single());
        Started(logger, sidecar.Endpoint, options.DatabasePath!);
        return sidecar;
    }

    /// <summary>
    /// Connects to the app as daprd does when it starts: reads <c>/dapr/config</c> from the first of
    /// <paramref name="appAddresses"/> that answers (HTTP/2 prior knowledge or HTTP/1.1), then forwards calls and
    /// fires the stored reminders of the types the app hosts. Called again, it moves to a restarted app.
    /// </summary>
    public async Task AttachAsync(IEnumerable<Uri> appAddresses, CancellationToken ct = default)
    {
        var (channel, config) = await AppChannel.ConnectAsync(appAddresses, AppToken, ct);
        lock (channels) channels.Add(channel); // an earlier app's channel may still be in a call; all close at dispose
        AppConfigJson = config;
        driver.Attach(channel, AppConfig.Parse(config));
        scheduler ??= RunSchedulerAsync(stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        await stopping.CancelAsync();
        if (scheduler is not null) await scheduler;
        await web.StopAsync();
        await web.DisposeAsync();
        await store.DisposeAsync();
        foreach (var channel in channels) channel.Dispose();
        stopping.Dispose();
    }

    private async Task RunSchedulerAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(options.PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await driver.TickAsync(stop);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    SchedulerFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Embedded Dapr sidecar on {Endpoint}, actor state in {Path}")]
    private static partial void Started(ILogger logger, Uri endpoint, string path);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "The embedded sidecar's scheduler pass failed; it tries again at the next tick")]
    private static partial void SchedulerFailed(ILogger logger, Exception exception);
}
