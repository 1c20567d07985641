using System.Text.Json;
using Samsara.Artifacts;
using Samsara.Contracts;
using Samsara.Stages.Jobs;
using Samsara.Testing;

namespace Samsara.Stages.Tests.Jobs;

/// <summary>
/// Two trainer replicas over one artifact store (in-memory transport, a bus each): a job belongs to the worker whose
/// lease on it is live. The other leaves it alone, at its start and when the command comes again; once the owner's lease
/// lapsed (the owner died), the other takes the job over and renews it. Time moves by the second worker's clock — its
/// leases' expiry and its renewal timers — not by waiting.
/// </summary>
public sealed class When_two_workers_share_the_store : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly TempDirectory _artifacts = new();

    public void Dispose() => _artifacts.Dispose();

    private static Dictionary<string, string?> Worker(string owner) => new()
    {
        ["Jobs:Owner"] = owner,
        ["Jobs:Lease"] = Lease.ToString(),
    };

    private JobRecord RecordOf(Guid runId) =>
        JsonSerializer.Deserialize<JobRecord>(File.ReadAllText(new RunWorkspace(_artifacts.Path, runId).JobRecord("gated")), JsonSerializerOptions.Web)!;

    [Fact]
    public async Task A_live_job_of_another_worker_is_left_alone()
    {
        var runId = Guid.NewGuid();
        await using var a = await JobHost.StartAsync(_artifacts.Path, Worker("a"));
        await a.SendAsync(JobHost.Command(runId));
        await a.Job.Entered(runId).WaitAsync(Timeout);

        await using var b = await JobHost.StartAsync(_artifacts.Path, Worker("b"));
        await RedispatchAsync(b, runId);

        Assert.Equal(0, b.Job.StartsOf(runId));
        Assert.Equal("a", RecordOf(runId).Owner);
        a.Job.Open(runId);
        await a.Observed.WaitFor<TrainingCompleted>(runId, Timeout);
    }

    [Fact]
    public async Task A_job_whose_owner_died_is_taken_over_once_its_lease_lapsed()
    {
        var runId = Guid.NewGuid();
        await using (var a = await JobHost.StartAsync(_artifacts.Path, Worker("a")))
        {
            await a.SendAsync(JobHost.Command(runId));
            await a.Job.Entered(runId).WaitAsync(Timeout);
            await a.StopAsync();
        }
        var lapsesAt = RecordOf(runId).LeaseUntil;

        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var b = await JobHost.StartAsync(_artifacts.Path, Worker("b"), clock);
        await RedispatchAsync(b, runId);
        Assert.Equal(0, b.Job.StartsOf(runId));

        clock.Advance(lapsesAt - clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await b.SendAsync(JobHost.Command(runId));
        await b.Job.Entered(runId).WaitAsync(Timeout);
        var taken = RecordOf(runId);
        Assert.Equal("b", taken.Owner);
        Assert.True(taken.LeaseUntil > clock.GetUtcNow(), $"the lease taken over ends at {taken.LeaseUntil}, already past");

        // The new owner renews its lease every third of it, by its clock: nothing is renewed until the clock moves
        // (its renewal waits on the clock's timer), then the lease reaches a full term past the moment of renewal.
        Assert.Equal(taken.LeaseUntil, RecordOf(runId).LeaseUntil);
        clock.Advance(Lease / 3 + TimeSpan.FromSeconds(1));
        var renewedAt = clock.GetUtcNow();
        await ManualClock.WaitForAsync(() => RecordOf(runId).LeaseUntil >= renewedAt + Lease, "b to renew its lease");

        b.Job.Open(runId);
        await b.Observed.WaitFor<TrainingCompleted>(runId, Timeout);
        Assert.Equal(1, b.Job.StartsOf(runId));
    }

    [Fact]
    public async Task A_restarted_worker_takes_a_lapsed_job_at_its_start()
    {
        var runId = Guid.NewGuid();
        await using (var a = await JobHost.StartAsync(_artifacts.Path, Worker("a")))
        {
            await a.SendAsync(JobHost.Command(runId));
            await a.Job.Entered(runId).WaitAsync(Timeout);
            await a.StopAsync();
        }

        // b starts after a's lease lapsed, by b's clock: nothing sends it the command again.
        var clock = new ManualClock(RecordOf(runId).LeaseUntil + TimeSpan.FromSeconds(1));
        await using var b = await JobHost.StartAsync(_artifacts.Path, Worker("b"), clock);
        await b.Job.Entered(runId).WaitAsync(Timeout);
        b.Job.Open(runId);
        await b.Observed.WaitFor<TrainingCompleted>(runId, Timeout);
        Assert.Equal(1, b.Job.StartsOf(runId));
    }

    // The job's command again (as the RunActor re-dispatches a silent stage), then another run's: the worker takes its
    // commands one at a time in order, so once the second run's job has started, the first command was handled.
    private static async Task RedispatchAsync(JobHost worker, Guid runId)
    {
        await worker.SendAsync(JobHost.Command(runId));
        var other = Guid.NewGuid();
        await worker.SendAsync(JobHost.Command(other));
        await worker.Job.Entered(other).WaitAsync(Timeout);
        worker.Job.Open(other);
    }
}
