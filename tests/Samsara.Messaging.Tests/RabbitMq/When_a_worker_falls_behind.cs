using Microsoft.Extensions.DependencyInjection;
using Samsara.Messaging.Internal;
using Samsara.Messaging.Tests.Support;
using Samsara.ServiceDefaults.Telemetry;
using Samsara.Testing.Metrics;

namespace Samsara.Messaging.Tests.RabbitMq;

[Collection(RealBroker.Name)]
public class When_a_worker_falls_behind
{
    // A queue of this test's own, so that nothing another test left on a service queue is counted.
    private const string Queue = "samsara-test-backlog";
    private const int Sent = 5;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Should_report_the_messages_waiting_on_its_queue_as_the_backlog_gauge_and_zero_once_it_catches_up()
    {
        await DeleteQueueAsync();
        using var backlog = new InstrumentProbe<long>(SamsaraTelemetry.Name, QueueBacklogMonitor.InstrumentName);
        var gate = new Gate();
        try
        {
            await using var service = await RabbitMqService.StartAsync(
                // One message at a time and one in flight: the first holds the consumer, the rest wait on the broker.
                bus => bus.AddSamsaraConsumer<GatedConsumer<BacklogProbe>>(Queue, endpoint =>
                {
                    endpoint.ConcurrentMessageLimit = 1;
                    endpoint.PrefetchCount = 1;
                }),
                services => services.AddSingleton(gate),
                settings: new() { ["Messaging:BacklogInterval"] = "00:00:00.100" });
            var endpoint = await service.Bus.GetSendEndpoint(new Uri($"queue:{Queue}"));
            for (var i = 0; i < Sent; i++)
                await endpoint.Send(new BacklogProbe(i));
            await gate.Entered;

            await backlog.WaitForAsync(r => r.Tag(QueueBacklogMonitor.QueueTag) == Queue && r.Value == Sent - 1, Timeout);

            gate.Open();
            await service.Recorder<BacklogProbe>().WaitFor(d => d.Message.Number == Sent - 1, Timeout);
            await backlog.WaitForAsync(r => r.Tag(QueueBacklogMonitor.QueueTag) == Queue && r.Value == 0, Timeout);
        }
        finally
        {
            gate.Open();
            await DeleteQueueAsync();
        }
    }

    private static async Task DeleteQueueAsync()
    {
        await using var connection = await Broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(Queue, ifUnused: false, ifEmpty: false);
    }
}

/// <summary>A message of this test's own, so that its queue is bound to nothing else.</summary>
public sealed record BacklogProbe(int Number);
