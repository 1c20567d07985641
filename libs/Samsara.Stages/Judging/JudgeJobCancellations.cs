using Samsara.Artifacts;

namespace Samsara.Stages.Judging;

/// <summary>
/// Judging jobs whose caller has gone: a marker per job in the artifact store (<c>judge-jobs/{job id}.cancelled</c>),
/// which every judge replica shares, so the job's batches still queued are dropped by whichever replica takes them —
/// one started later by KEDA included — instead of being judged for no one.
/// </summary>
public sealed class JudgeJobCancellations(ArtifactStore store)
{
    public const string Folder = "judge-jobs";

    public bool IsCancelled(Guid jobId) => store.Exists(MarkerOf(jobId));

    public Task CancelAsync(Guid jobId, string reason) => store.WriteAllTextAsync(MarkerOf(jobId), reason + "\n");

    private static string MarkerOf(Guid jobId) => $"{Folder}/{jobId:D}.cancelled";
}
