using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Samsara.Contracts;
using Samsara.Messaging;
using Samsara.Stages.Internal;

namespace Samsara.Stages.Jobs;

/// <summary>
/// Runs stages' long jobs outside broker deliveries (DESIGN.md §1): a command is recorded in the run's workspace
/// (<see cref="JobRecords"/>), acknowledged, and its job runs in the background, at most
/// <see cref="IStageJob{TMessage}.MaxConcurrent"/> of a kind at once. A repeated command for a job running here starts
/// nothing; one for a finished job runs it again, which the job's own markers turn into an announcement. Replicas that
/// share the store claim jobs through <see cref="JobLeases"/>: one held by another live worker is left alone.
/// </summary>
/// <remarks>
/// A job that throws is retried as a consume was (<see cref="MessagingOptions.Retry"/>); an input error is a
/// <see cref="StageFaulted"/>, as in a consume. When the retries are spent the failure is recorded and the command
/// sent again to its queue, whose consume then throws <see cref="StageJobFailedException"/>: MassTransit moves it to
/// the error queue and publishes its <c>Fault&lt;T&gt;</c>, as for any poison message. When the bus stops, jobs are
/// cancelled and their records stay: the next start resumes them (<see cref="StageJobsBusObserver"/>).
/// </remarks>
public sealed class StageJobs(JobRecords records, JobLeases leases, IBus bus, IOptions<MessagingOptions> messaging, ILogger<StageJobs> logger) : IDisposable
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task> _running = [];
    private readonly Dictionary<string, SemaphoreSlim> _slots = [];
    private CancellationTokenSource _stopping = new();

    /// <summary>The consume's whole work: record the job and start it; throws if the job already failed for good.</summary>
    public async Task AcceptAsync<TMessage>(IStageJob<TMessage> job, ConsumeContext<TMessage> context)
        where TMessage : class, IRunMessage
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        if (await records.FailureOfAsync(message.RunId, job.KeyOf(message), context.CancellationToken).ConfigureAwait(false) is { } reason)
            throw new StageJobFailedException(reason);
        await StartAsync(job, message, QueueNames.NameOf(context.ReceiveContext.InputAddress), resumed: false, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>How many jobs run or wait here now.</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _running.Count;
        }
    }

    internal async Task StartAsync<TMessage>(IStageJob<TMessage> job, TMessage message, string queue, bool resumed, CancellationToken cancellationToken)
        where TMessage : class, IRunMessage
    {
        var runId = message.RunId;
        var key = job.KeyOf(message);
        var id = $"{runId:D}/{key}";
        CancellationToken stopping;
        lock (_gate)
        {
            if (_running.ContainsKey(id))
            {
                JobsLog.AlreadyRunning(logger, runId, key);
                return;
            }
            // Held while the record is written, so a duplicate arriving meanwhile is seen as running.
            _running[id] = Task.CompletedTask;
            stopping = _stopping.Token;
        }

        JobRecord? claimed;
        try
        {
            claimed = await leases.ClaimAsync(runId, key, new JobRecord(job.Kind, queue, JsonSerializer.SerializeToElement(message, Json)), cancellationToken)
                .ConfigureAwait(false);
        }
        catch
        {
            lock (_gate) _running.Remove(id);
            throw;
        }
        if (claimed is null)
        {
            lock (_gate) _running.Remove(id);
            return;
        }

        var run = new Task<Task>(() => RunAsync(job, message, key, queue, id, claimed, stopping));
        lock (_gate) _running[id] = run.Unwrap();
        run.Start(TaskScheduler.Default);
        if (resumed) JobsLog.Resumed(logger, runId, key);
        else JobsLog.Accepted(logger, runId, key);
    }

    /// <summary>A new bus start: jobs started from now on run until the next <see cref="StopAsync"/>.</summary>
    internal void Restart()
    {
        lock (_gate)
        {
            if (!_stopping.IsCancellationRequested) return;
            _stopping.Dispose();
            _stopping = new CancellationTokenSource();
        }
    }

    /// <summary>Cancels every job (each stops at its next safe point, its record kept) and waits until they have stopped.</summary>
    internal async Task StopAsync()
    {
        Task[] running;
        lock (_gate)
        {
            _stopping.Cancel();
            running = [.. _running.Values];
        }
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task RunAsync<TMessage>(IStageJob<TMessage> job, TMessage message, string key, string queue, string id, JobRecord claimed, CancellationToken stopping)
        where TMessage : class, IRunMessage
    {
        var slot = SlotOf(job);
        try
        {
            // The claim is renewed from here, while the job waits for its slot too, until it has ended.
            string? failure;
            using (var renewal = CancellationTokenSource.CreateLinkedTokenSource(stopping))
            {
                var renewing = leases.RenewAsync(message.RunId, key, claimed, renewal.Token);
                try
                {
                    await slot.WaitAsync(stopping).ConfigureAwait(false);
                    try
                    {
                        failure = await AttemptAsync(job, message, key, stopping).ConfigureAwait(false);
                    }
                    finally
                    {
                        slot.Release();
                    }
                }
                finally
                {
                    await renewal.CancelAsync().ConfigureAwait(false);
                    await renewing.ConfigureAwait(false);
                }
            }
            await EndAsync(job, message, key, queue, failure).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            JobsLog.Stopped(logger, message.RunId, key);
        }
        catch (Exception e) // the records themselves failed (a full volume): the record stays for the next start
        {
            JobsLog.Failed(logger, message.RunId, key, 0, e.Message);
        }
        finally
        {
            lock (_gate) _running.Remove(id);
        }
    }

    // Runs the job with the consume's retries; returns null when it is done, or the reason it failed for good.
    private async Task<string?> AttemptAsync<TMessage>(IStageJob<TMessage> job, TMessage message, string key, CancellationToken stopping)
        where TMessage : class, IRunMessage
    {
        var retry = messaging.Value.Retry;
        var runId = message.RunId;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StageFaults.GuardAsync(bus, message, job.Stage, logger, () => job.RunAsync(message, bus, stopping)).ConfigureAwait(false);
                return null;
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                throw new OperationCanceledException(stopping);
            }
            catch (Exception e) when (attempt <= retry.Limit)
            {
                var delay = Backoff(retry, attempt);
                JobsLog.Retrying(logger, runId, key, attempt, delay, e.Message);
                await Task.Delay(delay, stopping).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                JobsLog.Failed(logger, runId, key, attempt, e.Message);
                return e.Message;
            }
        }
    }

    // The job's record goes once it is done; a failure for good leaves its reason and raises it again on its queue.
    private async Task EndAsync<TMessage>(IStageJob<TMessage> job, TMessage message, string key, string queue, string? failure)
        where TMessage : class, IRunMessage
    {
        var runId = message.RunId;
        if (failure is null)
        {
            records.Finish(runId, key);
            JobsLog.Done(logger, runId, key);
            return;
        }
        await records.FailAsync(runId, key, failure).ConfigureAwait(false);
        // A new event id: the idempotency filter marked the original processed when it was accepted.
        var failed = job.WithEventId(message, EventIds.For(runId, $"job-failed/{key}"));
        var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{queue}")).ConfigureAwait(false);
        await endpoint.Send(failed, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The wait before retry <paramref name="attempt"/>, as <see cref="RetryOptions"/> describes it (without the jitter).</summary>
    internal static TimeSpan Backoff(RetryOptions retry, int attempt)
    {
        var wait = retry.MinInterval + retry.IntervalDelta * Math.Pow(2, attempt);
        return wait > retry.MaxInterval ? retry.MaxInterval : wait;
    }

    private SemaphoreSlim SlotOf<TMessage>(IStageJob<TMessage> job)
        where TMessage : class, IRunMessage
    {
        lock (_gate)
        {
            if (!_slots.TryGetValue(job.Kind, out var slot))
                _slots[job.Kind] = slot = new SemaphoreSlim(job.MaxConcurrent);
            return slot;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
        // The slots are not disposed: a job still unwinding releases its slot after this.
    }
}
