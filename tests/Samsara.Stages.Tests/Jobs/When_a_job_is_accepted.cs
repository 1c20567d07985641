using Samsara.Artifacts;
using Samsara.Contracts;
using Samsara.Stages.Jobs;
using Samsara.Testing;

namespace Samsara.Stages.Tests.Jobs;

/// <summary>
/// A worker accepts a job's command and runs the job in the background (in-memory transport): while it runs, its
/// record is in the run's workspace and a repeated command starts nothing; a host stopped mid-job leaves the record,
/// and the next host over the same store resumes the job without any command.
/// </summary>
public sealed class When_a_job_is_accepted : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _artifacts = new();

    public void Dispose() => _artifacts.Dispose();

    private string Record(Guid runId) => new RunWorkspace(_artifacts.Path, runId).JobRecord("gated");

    [Fact]
    public async Task A_repeated_command_while_it_runs_starts_nothing()
    {
        await using var worker = await JobHost.StartAsync(_artifacts.Path, []);
        var runId = Guid.NewGuid();
        await worker.SendAsync(JobHost.Command(runId));
        await worker.Job.Entered(runId).WaitAsync(Timeout);
        Assert.True(File.Exists(Record(runId)), "no record of the running job");

        // The same job under a new event id (a re-dispatch), then the bus has consumed it: still one job.
        await worker.SendAsync(JobHost.Command(runId));
        var other = Guid.NewGuid();
        await worker.SendAsync(JobHost.Command(other));
        await worker.Job.Entered(other).WaitAsync(Timeout);
        Assert.Equal(1, worker.Job.StartsOf(runId));

        worker.Job.Open(runId);
        await worker.Observed.WaitFor<TrainingCompleted>(runId, Timeout);
        Assert.Equal(1, worker.Job.StartsOf(runId));
        await WaitUntilAsync(() => !File.Exists(Record(runId)), "the finished job's record to go");
        worker.Job.Open(other);
    }

    [Fact]
    public async Task A_job_cut_off_by_a_stop_is_resumed_by_the_next_start()
    {
        var runId = Guid.NewGuid();
        await using (var first = await JobHost.StartAsync(_artifacts.Path, []))
        {
            await first.SendAsync(JobHost.Command(runId));
            await first.Job.Entered(runId).WaitAsync(Timeout);
            await first.StopAsync();
            Assert.Empty(first.Observed.All<TrainingCompleted>());
        }
        Assert.True(File.Exists(Record(runId)), "stopping the worker lost the job's record");

        await using var second = await JobHost.StartAsync(_artifacts.Path, []);
        await second.Job.Entered(runId).WaitAsync(Timeout);
        second.Job.Open(runId);
        await second.Observed.WaitFor<TrainingCompleted>(runId, Timeout);
        Assert.Equal(1, second.Job.StartsOf(runId));
        await WaitUntilAsync(() => !File.Exists(Record(runId)), "the resumed job's record to go");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"gave up waiting for {what}");
            await Task.Delay(20);
        }
    }
}
