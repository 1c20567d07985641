using Samsara.Contracts;
using Samsara.Testing;
using Samsara.Testing.Broker;

namespace Samsara.Stages.Tests.Jobs;

/// <summary>
/// RabbitMQ closes a channel whose delivery stays unacknowledged past <c>consumer_timeout</c> (30 minutes by default)
/// and hands the message to another consumer: a training inside a consume longer than that failed and started again.
/// On a broker node of its own with a 15 s timeout (checked every second), a job runs well past it: it is started
/// once, its completion is delivered, and the worker still consumes afterwards.
/// </summary>
public sealed class When_a_job_outlasts_the_consumer_timeout : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan ConsumerTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private readonly TempDirectory _artifacts = new();
    private PrivateRabbitMqNode _broker = null!;

    public async Task InitializeAsync() => _broker = await PrivateRabbitMqNode.StartAsync(ConsumerTimeout);

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    public void Dispose() => _artifacts.Dispose();

    [Fact]
    public async Task The_job_completes_once_and_the_worker_keeps_consuming()
    {
        await using var worker = await JobHost.StartAsync(_artifacts.Path, new Dictionary<string, string?>
        {
            ["Messaging:RabbitMq:Host"] = "127.0.0.1",
            ["Messaging:RabbitMq:Port"] = _broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Messaging:Retry:Limit"] = "0",
        });
        var runId = Guid.NewGuid();
        await worker.SendAsync(JobHost.Command(runId));
        await worker.Job.Entered(runId).WaitAsync(Timeout);

        // Held past the timeout and a few of the broker's checks: a delivery held this long would have been taken back.
        await Task.Delay(ConsumerTimeout + TimeSpan.FromSeconds(5));
        worker.Job.Open(runId);

        await worker.Observed.WaitFor<TrainingCompleted>(runId, Timeout);
        var next = Guid.NewGuid();
        await worker.SendAsync(JobHost.Command(next));
        await worker.Job.Entered(next).WaitAsync(Timeout);
        worker.Job.Open(next);
        await worker.Observed.WaitFor<TrainingCompleted>(next, Timeout);
        Assert.Equal(1, worker.Job.StartsOf(runId));
    }
}
