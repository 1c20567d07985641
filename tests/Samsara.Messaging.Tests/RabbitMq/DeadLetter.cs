using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Samsara.Messaging.Tests.RabbitMq;

/// <summary>A message taken from a broker queue with plain AMQP: its MassTransit envelope and headers.</summary>
internal sealed record DeadLetter(JsonElement Message, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>
    /// Takes messages off <paramref name="queue"/> until one whose message matches <paramref name="match"/>; waits for
    /// more until <paramref name="timeout"/>. Messages of other runs it passes are consumed: this is the test broker.
    /// </summary>
    public static async Task<DeadLetter> TakeAsync(string queue, Func<JsonElement, bool> match, TimeSpan timeout) =>
        await TryTakeAsync(queue, match, timeout) ?? throw new TimeoutException($"No matching message reached {queue} within {timeout}.");

    /// <summary>As <see cref="TakeAsync"/>, but null when no matching message came.</summary>
    public static async Task<DeadLetter?> TryTakeAsync(string queue, Func<JsonElement, bool> match, TimeSpan timeout)
    {
        await using var connection = await Broker.ConnectAsync();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var result = await TryGetAsync(connection, queue);
            if (result is null)
            {
                await Task.Delay(200);
                continue;
            }

            using var envelope = JsonDocument.Parse(result.Body);
            var message = envelope.RootElement.GetProperty("message").Clone();
            if (!match(message))
                continue;

            var headers = (result.BasicProperties.Headers ?? new Dictionary<string, object?>())
                .ToDictionary(header => header.Key, header => header.Value switch
                {
                    byte[] bytes => Encoding.UTF8.GetString(bytes),
                    var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
                }, StringComparer.Ordinal);
            return new DeadLetter(message, headers);
        }

        return null;
    }

    /// <summary>One message, or null while the queue is empty or not there yet (MassTransit creates it on first use).</summary>
    private static async Task<BasicGetResult?> TryGetAsync(IConnection connection, string queue)
    {
        // A channel per try: the broker closes the channel when the queue does not exist.
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return await channel.BasicGetAsync(queue, autoAck: true);
        }
        catch (OperationInterruptedException missing) when (missing.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }
}
