using System.Threading.Channels;
using ServingStatus = Samsara.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Samsara.Grpc.Internal.Health;

/// <summary>
/// The open Watch calls, per service name. Each gets a small queue that drops its oldest entry when full: a slow
/// watcher must not hold up status changes, and only the latest status matters to it.
/// </summary>
internal sealed class HealthWatchers
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<Channel<ServingStatus>>> _byService = new(StringComparer.Ordinal);

    public ChannelReader<ServingStatus> Add(string service)
    {
        var channel = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(5) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
        {
            if (!_byService.TryGetValue(service, out var list)) _byService[service] = list = [];
            list.Add(channel);
        }
        return channel.Reader;
    }

    public void Remove(string service, ChannelReader<ServingStatus> reader)
    {
        lock (_lock)
        {
            if (!_byService.TryGetValue(service, out var list)) return;
            list.RemoveAll(c => c.Reader == reader);
            if (list.Count == 0) _byService.Remove(service);
        }
    }

    public void Notify(string service, ServingStatus status)
    {
        lock (_lock)
        {
            if (!_byService.TryGetValue(service, out var list)) return;
            foreach (var channel in list) channel.Writer.TryWrite(status);
        }
    }
}
