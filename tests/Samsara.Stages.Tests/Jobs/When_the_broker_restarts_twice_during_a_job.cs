using Samsara.Contracts;
using Samsara.Testing;
using Samsara.Testing.Broker;

namespace Samsara.Stages.Tests.Jobs;

/// <summary>
/// Issue #12's hang: the broker restarted (twice, in quick succession, as when two test suites restart the shared
/// broker) while a trainer trained inside a consume, and the worker never received again. With the job outside the
/// delivery, the command is acknowledged before the restarts, nothing is in flight when the connection drops, the
/// worker reconnects, the job's completion is delivered once the broker is back, and the next command is consumed.
/// </summary>
public sealed class When_the_broker_restarts_twice_during_a_job : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private readonly TempDirectory _artifacts = new();
    private RabbitMqVhost _vhost = null!;

    public async Task InitializeAsync() => _vhost = await RabbitMqVhost.CreateAsync();

    public async Task DisposeAsync() => await _vhost.DisposeAsync();

    public void Dispose() => _artifacts.Dispose();

    [Fact]
    public async Task The_worker_recovers_and_the_completion_is_delivered()
    {
        await using var worker = await JobHost.StartAsync(_artifacts.Path, Settings(_vhost));
        var runId = Guid.NewGuid();
        await worker.SendAsync(JobHost.Command(runId));
        await worker.Job.Entered(runId).WaitAsync(Timeout);
        // Acknowledged: nothing waits in the queue, ready or unacknowledged, while the job runs.
        Assert.Equal(0, await _vhost.CountAsync(JobHost.Queue));

        await RabbitMqVhost.RestartBrokerAsync(down: TimeSpan.FromSeconds(1));
        await RabbitMqVhost.RestartBrokerAsync(down: TimeSpan.FromSeconds(1));
        worker.Job.Open(runId);

        await worker.Observed.WaitFor<TrainingCompleted>(runId, Timeout);
        var next = Guid.NewGuid();
        await SendWithinAsync(worker, JobHost.Command(next));
        await worker.Job.Entered(next).WaitAsync(Timeout);
        worker.Job.Open(next);
        await worker.Observed.WaitFor<TrainingCompleted>(next, Timeout);
        Assert.Equal(1, worker.Job.StartsOf(runId));
    }

    internal static Dictionary<string, string?> Settings(RabbitMqVhost vhost) => new()
    {
        ["Messaging:RabbitMq:Host"] = RabbitMqVhost.Host,
        ["Messaging:RabbitMq:Port"] = RabbitMqVhost.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Messaging:RabbitMq:VirtualHost"] = vhost.Name,
        ["Messaging:RabbitMq:Username"] = "guest",
        ["Messaging:RabbitMq:Password"] = "guest",
        ["Messaging:Retry:Limit"] = "0",
    };

    /// <summary>Sends once the bus's send path has its connection back, retrying until the timeout.</summary>
    private static async Task SendWithinAsync(JobHost worker, TrainModel command)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            try
            {
                await worker.SendAsync(command).WaitAsync(TimeSpan.FromSeconds(10));
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}
