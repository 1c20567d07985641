using Samsara.Testing.Broker;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Samsara.Judging.Tests.FanOut;

/// <summary>
/// A judge replica that takes tasks off the judge queue and dies holding them: a raw AMQP consumer with manual
/// acknowledgement that never acknowledges, then drops its connection — what the broker sees when a judge process
/// is killed mid-task. Records the task ids (the envelope's message.eventId) it held.
/// </summary>
internal sealed class VanishingJudge : IAsyncDisposable
{
    private readonly IConnection connection;
    private readonly List<Guid> held = [];
    private readonly TaskCompletionSource full = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int capacity;

    private VanishingJudge(IConnection connection, int capacity)
    {
        this.connection = connection;
        this.capacity = capacity;
    }

    public IReadOnlyList<Guid> Held
    {
        get
        {
            lock (held) return [.. held];
        }
    }

    public static async Task<VanishingJudge> StartAsync(RabbitMqVhost vhost, string queue, ushort capacity)
    {
        var factory = new ConnectionFactory { HostName = RabbitMqVhost.Host, Port = RabbitMqVhost.Port, VirtualHost = vhost.Name, UserName = "guest", Password = "guest" };
        var connection = await factory.CreateConnectionAsync();
        var judge = new VanishingJudge(connection, capacity);
        var channel = await connection.CreateChannelAsync();
        // At most `capacity` unacknowledged deliveries: the broker gives it that many tasks and no more.
        await channel.BasicQosAsync(0, capacity, false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            using var envelope = JsonDocument.Parse(delivery.Body);
            var taskId = envelope.RootElement.GetProperty("message").GetProperty("eventId").GetGuid();
            lock (judge.held)
            {
                judge.held.Add(taskId);
                if (judge.held.Count == judge.capacity) judge.full.TrySetResult();
            }
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: false, consumer);
        return judge;
    }

    public Task WhenHoldingAsync(TimeSpan bound) => full.Task.WaitAsync(bound);

    /// <summary>Drops the connection without acknowledging anything, as a killed process would.</summary>
    public Task DieAsync() => connection.AbortAsync();

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();
}
