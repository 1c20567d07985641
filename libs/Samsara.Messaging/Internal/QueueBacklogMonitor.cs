using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using Samsara.ServiceDefaults.Telemetry;

namespace Samsara.Messaging.Internal;

/// <summary>
/// <c>samsara.queue.backlog</c>: the messages ready (delivered to no consumer yet) on each queue this worker consumes,
/// as RabbitMQ last counted them. Read every <see cref="MessagingOptions.BacklogInterval"/> with a passive queue declare
/// on one connection of its own, and reported from that reading when the metrics are collected, so that a scrape never
/// waits on the broker. Registered only with the RabbitMQ transport: the in-memory bus has no backlog to show.
/// </summary>
internal sealed class QueueBacklogMonitor : BackgroundService
{
    public const string InstrumentName = "samsara.queue.backlog";

    /// <summary>The OpenTelemetry messaging convention's name for the queue.</summary>
    public const string QueueTag = "messaging.destination.name";

    private readonly MessagingOptions _options;
    private readonly string[] _queues;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, long> _ready = new(StringComparer.Ordinal);
    private IConnection? _connection;
    private IChannel? _channel;
    private bool _failing;

    public QueueBacklogMonitor(IOptions<MessagingOptions> options, IEnumerable<WorkerQueue> queues, IMeterFactory meters,
        ILogger<QueueBacklogMonitor> logger)
    {
        _options = options.Value;
        _queues = queues.Select(queue => queue.Name).Distinct(StringComparer.Ordinal).ToArray();
        _logger = logger;
        // A meter from the host's factory: disposed with the host, so a stopped worker stops reporting.
        meters.Create(SamsaraTelemetry.Name).CreateObservableGauge(InstrumentName, Observe, "{message}",
            "Messages ready on the worker's own queues, not yet delivered to a consumer");
    }

    private IEnumerable<Measurement<long>> Observe() =>
        _ready.Select(queue => new Measurement<long>(queue.Value, new KeyValuePair<string, object?>(QueueTag, queue.Key)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_queues.Length == 0) return;
        using var timer = new PeriodicTimer(_options.BacklogInterval);
        do
        {
            foreach (var queue in _queues)
                await ReadAsync(queue, stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task ReadAsync(string queue, CancellationToken cancellationToken)
    {
        try
        {
            var channel = await ChannelAsync(cancellationToken).ConfigureAwait(false);
            var declared = await channel.QueueDeclarePassiveAsync(queue, cancellationToken).ConfigureAwait(false);
            _ready[queue] = declared.MessageCount;
            if (_failing) MessagingLog.BacklogReadable(_logger, queue);
            _failing = false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) // broker down, queue not declared yet: no figure until the next reading succeeds
        {
            // A stale count would look like a stuck queue; better none.
            _ready.TryRemove(queue, out _);
            if (!_failing) MessagingLog.BacklogUnreadable(_logger, queue, exception.InnerException?.Message ?? exception.Message);
            _failing = true;
            // A failed passive declare closes the channel; a dropped connection takes both.
            await DropAsync().ConfigureAwait(false);
        }
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true }) return _channel;
        await DropAsync().ConfigureAwait(false);
        var broker = _options.RabbitMq;
        _connection = await new ConnectionFactory
        {
            HostName = broker.Host!,
            Port = broker.Port,
            VirtualHost = broker.VirtualHost,
            UserName = broker.Username,
            Password = broker.Password,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            // Each reading reconnects if it must; the client's own recovery would only race with that.
            AutomaticRecoveryEnabled = false,
        }.CreateConnectionAsync("samsara-backlog", cancellationToken).ConfigureAwait(false);
        _channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return _channel;
    }

    private async Task DropAsync()
    {
        if (_channel is not null) await DisposeQuietlyAsync(_channel).ConfigureAwait(false);
        if (_connection is not null) await DisposeQuietlyAsync(_connection).ConfigureAwait(false);
        _channel = null;
        _connection = null;
    }

    private static async Task DisposeQuietlyAsync(IAsyncDisposable disposable)
    {
        try
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception) // closing what already broke may throw again; it is being thrown away either way
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await DropAsync().ConfigureAwait(false);
    }
}
