using MassTransit;

namespace Samsara.Messaging.Tests.Support;

/// <summary>One message as a test consumer saw it: the message, the queue, its headers and when.</summary>
internal sealed record Delivery<T>(T Message, string Queue, IReadOnlyDictionary<string, object?> Headers, TimeSpan At)
    where T : class
{
    public static Delivery<T> Of(ConsumeContext<T> context, TimeSpan at) => new(
        context.Message,
        context.ReceiveContext.InputAddress.AbsolutePath.Split('/')[^1],
        // The transport's headers too: MassTransit writes the MT-Fault-* headers there when it dead-letters a message.
        context.ReceiveContext.TransportHeaders.GetAll().Concat(context.Headers.GetAll())
            .DistinctBy(header => header.Key, StringComparer.Ordinal)
            .ToDictionary(header => header.Key, header => (object?)header.Value, StringComparer.Ordinal),
        at);

    /// <summary>A header as text (RabbitMQ hands string headers over as bytes).</summary>
    public string? Header(string name) => Headers.GetValueOrDefault(name) switch
    {
        null => null,
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
        var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
