using System.Text.Json;
using Samsara.Artifacts;

namespace Samsara.Stages.Jobs;

/// <summary>
/// Where accepted jobs live between the acknowledgement of their command and their end: beside the run's other work,
/// <c>runs/{runId}/jobs/{key}.json</c> while accepted or running, <c>{key}.failed</c> (the reason) once it failed for
/// good. The broker has forgotten the command once it is acknowledged; these records are how a worker that died
/// mid-job picks it up again.
/// </summary>
public sealed class JobRecords(ArtifactStore store)
{
    private const string Folder = "jobs";
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>The record of an accepted job, relative to the store root.</summary>
    public static string AcceptedOf(Guid runId, string key) => ArtifactStore.PathFor(runId, Folder, key + ".json");

    /// <summary>The record of a job that failed for good, relative to the store root.</summary>
    public static string FailedOf(Guid runId, string key) => ArtifactStore.PathFor(runId, Folder, key + ".failed");

    /// <summary>Records the job before its command is acknowledged (written atomically, so a kill leaves it whole or absent).</summary>
    public Task AcceptAsync(Guid runId, string key, JobRecord record, CancellationToken cancellationToken) =>
        store.WriteAllTextAsync(AcceptedOf(runId, key), JsonSerializer.Serialize(record, Json), cancellationToken);

    /// <summary>The job ended (done, faulted on its input, or cancelled with its run): nothing to resume.</summary>
    public void Finish(Guid runId, string key) => File.Delete(store.Resolve(AcceptedOf(runId, key)));

    /// <summary>The job failed after its retries: its reason stays, the accepted record goes.</summary>
    public async Task FailAsync(Guid runId, string key, string reason)
    {
        await store.WriteAllTextAsync(FailedOf(runId, key), reason, CancellationToken.None).ConfigureAwait(false);
        Finish(runId, key);
    }

    /// <summary>Why the job failed for good, or null if it did not.</summary>
    public async Task<string?> FailureOfAsync(Guid runId, string key, CancellationToken cancellationToken) =>
        store.Exists(FailedOf(runId, key)) ? await store.ReadAllTextAsync(FailedOf(runId, key), cancellationToken).ConfigureAwait(false) : null;

    /// <summary>Every accepted job of every run in the store, with its run and key; an unreadable record is skipped with its path.</summary>
    public IEnumerable<(Guid RunId, string Key, JobRecord? Record, string Path)> Accepted()
    {
        var runs = Path.Combine(store.Root, "runs");
        if (!Directory.Exists(runs)) yield break;
        foreach (var run in Directory.EnumerateDirectories(runs))
        {
            if (!Guid.TryParse(Path.GetFileName(run), out var runId)) continue;
            var folder = Path.Combine(run, Folder);
            if (!Directory.Exists(folder)) continue;
            foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
                yield return (runId, Path.GetFileNameWithoutExtension(file), Read(file), file);
        }
    }

    private static JobRecord? Read(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<JobRecord>(File.ReadAllText(file), Json);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }
}
