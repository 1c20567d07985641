using System.Globalization;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Samsara.Contracts;

namespace Samsara.Bench.Events;

/// <summary>
/// The peer: the bare RabbitMQ.Client publishing the same bytes MassTransit put on the wire (its envelope of the same
/// event) to a durable fanout exchange and queue, persistent, each publish awaiting its confirm; a consumer with
/// MassTransit's prefetch that deserializes the event and acks it. What the broker and client cost without the framework.
/// </summary>
internal sealed class RawRabbitSide : IAsyncDisposable
{
    public const string Queue = "samsara-bench-raw";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IConnection connection;
    private readonly IChannel publishing;
    private readonly IChannel consuming;
    private EventClock? clock;

    private RawRabbitSide(IConnection connection, IChannel publishing, IChannel consuming)
    {
        this.connection = connection;
        this.publishing = publishing;
        this.consuming = consuming;
    }

    public static async Task<RawRabbitSide> StartAsync(string vhost, ushort prefetch)
    {
        var factory = new ConnectionFactory { HostName = "127.0.0.1", Port = 5672, VirtualHost = vhost, UserName = "guest", Password = "guest" };
        var connection = await factory.CreateConnectionAsync("samsara-bench-raw");
        var publishing = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var consuming = await connection.CreateChannelAsync();
        await consuming.ExchangeDeclareAsync(Queue, ExchangeType.Fanout, durable: true);
        await consuming.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false);
        await consuming.QueueBindAsync(Queue, Queue, routingKey: "");
        await consuming.BasicQosAsync(0, prefetch, global: false);
        var side = new RawRabbitSide(connection, publishing, consuming);
        var consumer = new AsyncEventingBasicConsumer(consuming);
        consumer.ReceivedAsync += side.OnReceivedAsync;
        await consuming.BasicConsumeAsync(Queue, autoAck: false, consumer);
        return side;
    }

    public async Task<EventResult> MeasureAsync(byte[] body, int count, int window, string label)
    {
        clock = new EventClock(count);
        return await clock.RunAsync(async i =>
        {
            var properties = new BasicProperties
            {
                MessageId = i.ToString(CultureInfo.InvariantCulture),
                ContentType = "application/vnd.masstransit+json",
                Persistent = true,
            };
            await publishing.BasicPublishAsync(Queue, routingKey: "", mandatory: false, properties, body);
        }, window, label);
    }

    public async ValueTask DisposeAsync()
    {
        await consuming.CloseAsync();
        await publishing.CloseAsync();
        await connection.CloseAsync();
        consuming.Dispose();
        publishing.Dispose();
        connection.Dispose();
    }

    private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        // The same deserialization the framework does before calling a consumer: the event out of its envelope.
        var envelope = JsonSerializer.Deserialize<Envelope>(delivery.Body.Span, Json)
                       ?? throw new InvalidOperationException("an empty envelope");
        if (!Enum.IsDefined(envelope.Message.Algorithm)) throw new InvalidOperationException("an event without its algorithm");
        clock?.Received(int.Parse(delivery.BasicProperties.MessageId!, CultureInfo.InvariantCulture));
        await consuming.BasicAckAsync(delivery.DeliveryTag, multiple: false);
    }

    private sealed record Envelope(TrainingProgress Message);
}
