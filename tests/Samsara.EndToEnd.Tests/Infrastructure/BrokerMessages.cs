using Samsara.Testing.Broker;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Samsara.EndToEnd.Tests.Infrastructure;

/// <summary>Plain AMQP on the cluster's virtual host, behind MassTransit's back: reading an error queue, delivering a message again.</summary>
public sealed class BrokerMessages(RabbitMqVhost vhost)
{
    // MassTransit's own JSON: camelCase, read back case-insensitively.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A message taken off a queue: its MassTransit envelope's message and the headers (MT-Fault-* on an error queue).</summary>
    public sealed record Taken(JsonElement Message, IReadOnlyDictionary<string, string> Headers);

    /// <summary>
    /// Takes the first message on <paramref name="queue"/> that matches, waiting up to <paramref name="timeout"/> for
    /// one to arrive; null if none did. For a message that follows what the test saw rather than preceding it: a
    /// stage's fault, for one, reaches the gateway before MassTransit has moved the message to its error queue.
    /// </summary>
    public async Task<Taken?> WaitToTakeAsync(string queue, Func<JsonElement, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await TakeAsync(queue, match) is { } taken) return taken;
            if (DateTime.UtcNow >= deadline) return null;
            await Task.Delay(200);
        }
    }

    /// <summary>Takes the first message on <paramref name="queue"/> that matches; other messages are put back.</summary>
    public async Task<Taken?> TakeAsync(string queue, Func<JsonElement, bool> match)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            while (await channel.BasicGetAsync(queue, autoAck: false) is { } result)
            {
                using var envelope = JsonDocument.Parse(result.Body);
                var message = envelope.RootElement.GetProperty("message").Clone();
                if (!match(message)) continue;   // unacked: back on the queue when the channel closes
                await channel.BasicAckAsync(result.DeliveryTag, multiple: false);
                var headers = (result.BasicProperties.Headers ?? new Dictionary<string, object?>()).ToDictionary(h => h.Key, h => h.Value switch
                {
                    byte[] bytes => Encoding.UTF8.GetString(bytes),
                    var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
                }, StringComparer.Ordinal);
                return new Taken(message, headers);
            }
        }
        catch (OperationInterruptedException missing) when (missing.ShutdownReason?.ReplyCode == 404)
        {
            // MassTransit creates an error queue on its first fault.
        }
        return null;
    }

    /// <summary>
    /// Publishes <paramref name="message"/> as MassTransit would (its envelope, to the exchange named after the type),
    /// so every queue subscribed to <typeparamref name="T"/> receives it: a second delivery of an event.
    /// </summary>
    public async Task PublishAsync<T>(T message)
    {
        var type = typeof(T);
        var envelope = new Dictionary<string, object?>
        {
            ["messageId"] = Guid.NewGuid(),
            ["messageType"] = new[] { $"urn:message:{type.Namespace}:{type.Name}" },
            ["message"] = message,
            ["sentTime"] = DateTimeOffset.UtcNow,
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(envelope, Json);
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true };
        await channel.BasicPublishAsync($"{type.Namespace}:{type.Name}", "", mandatory: false, properties, body);
    }

    private Task<IConnection> ConnectAsync() => new ConnectionFactory
    {
        HostName = RabbitMqVhost.Host,
        Port = RabbitMqVhost.Port,
        VirtualHost = vhost.Name,
        UserName = "guest",
        Password = "guest",
    }.CreateConnectionAsync("samsara-e2e-tests");
}
