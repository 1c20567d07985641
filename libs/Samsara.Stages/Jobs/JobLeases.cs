using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Samsara.Stages.Jobs;

/// <summary>
/// This worker's claims on jobs in a store it may share with other replicas. A job's record names its owner and a
/// lease; the owner renews the lease while the job is here (waiting for a slot or running). A worker takes a job whose
/// record is its own (a restart of the same pod), has no owner, or whose lease lapsed (its owner died); it leaves a job
/// another live worker holds alone, so two replicas never both resume one after a restart.
/// </summary>
/// <remarks>
/// Two workers that meet the same lapsed job at the same moment can both claim it (the store has no compare-and-swap);
/// jobs resume from their checkpoints and markers, so that rare double run redoes work but corrupts nothing.
/// </remarks>
public sealed class JobLeases(JobRecords records, IOptions<JobOptions> options, TimeProvider clock, ILogger<JobLeases> logger)
{
    /// <summary>This worker's name in the records it owns.</summary>
    public string Owner => options.Value.Owner;

    /// <summary>
    /// Claims job <paramref name="key"/> of run <paramref name="runId"/> for this worker, writing <paramref name="record"/>
    /// with this owner and a fresh lease. Returns the record as written, or null when another worker's lease on the job
    /// is live (nothing is written).
    /// </summary>
    public async Task<JobRecord?> ClaimAsync(Guid runId, string key, JobRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var now = clock.GetUtcNow();
        if (records.Find(runId, key) is { } existing)
        {
            if (existing.IsHeldByAnotherThan(Owner, now))
            {
                JobsLog.HeldElsewhere(logger, runId, key, existing.Owner, existing.LeaseUntil);
                return null;
            }
            if (existing.Owner.Length > 0 && existing.Owner != Owner)
                JobsLog.TakenOver(logger, runId, key, existing.Owner, existing.LeaseUntil);
        }
        var claimed = record with { Owner = Owner, LeaseUntil = now + options.Value.Lease };
        await records.AcceptAsync(runId, key, claimed, cancellationToken).ConfigureAwait(false);
        return claimed;
    }

    /// <summary>
    /// Renews the claim every third of the lease until <paramref name="until"/> fires; the caller awaits this before it
    /// removes the record, so a late renewal never writes it back. A renewal that fails (a full volume) is logged and
    /// tried again at the next turn: the job goes on.
    /// </summary>
    public async Task RenewAsync(Guid runId, string key, JobRecord claimed, CancellationToken until)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var lease = options.Value.Lease;
        try
        {
            while (true)
            {
                await Task.Delay(lease / 3, clock, until).ConfigureAwait(false);
                try
                {
                    await records.AcceptAsync(runId, key, claimed with { LeaseUntil = clock.GetUtcNow() + lease }, CancellationToken.None).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    JobsLog.RenewalFailed(logger, runId, key, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (until.IsCancellationRequested)
        {
            // The job ended or the bus stops.
        }
    }
}
