using System.Text.Json;
using Samsara.Artifacts;

namespace Samsara.Stages.Jobs;

/// <summary>
/// Where accepted jobs live between the acknowledgement of their command and their end: beside the run's other work
/// (<see cref="RunWorkspace.JobRecord"/> while accepted or running, <see cref="RunWorkspace.JobFailure"/>, the reason,
/// once it failed for good). The broker has forgotten the command once it is acknowledged; these records are how a
/// worker that died mid-job picks it up again.
/// </summary>
public sealed class JobRecords(ArtifactStore store)
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>
    /// Records the job before its command is acknowledged, and again each time its lease is renewed (written
    /// atomically, so a kill leaves it whole or absent).
    /// </summary>
    public Task AcceptAsync(Guid runId, string key, JobRecord record, CancellationToken cancellationToken)
    {
        var workspace = Workspace(runId);
        return store.WriteAllTextAsync(workspace.InStore(workspace.JobRecord(key)), JsonSerializer.Serialize(record, Json), cancellationToken);
    }

    /// <summary>The job ended (done, faulted on its input, or cancelled with its run): nothing to resume.</summary>
    public void Finish(Guid runId, string key) => File.Delete(Workspace(runId).JobRecord(key));

    /// <summary>The job failed after its retries: its reason stays, the accepted record goes.</summary>
    public async Task FailAsync(Guid runId, string key, string reason)
    {
        var workspace = Workspace(runId);
        await store.WriteAllTextAsync(workspace.InStore(workspace.JobFailure(key)), reason, CancellationToken.None).ConfigureAwait(false);
        Finish(runId, key);
    }

    /// <summary>Why the job failed for good, or null if it did not.</summary>
    public async Task<string?> FailureOfAsync(Guid runId, string key, CancellationToken cancellationToken)
    {
        var failure = Workspace(runId).JobFailure(key);
        return File.Exists(failure) ? await File.ReadAllTextAsync(failure, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>The record of an accepted job, or null if there is none (or it is unreadable, as a write cut short would not leave it).</summary>
    public JobRecord? Find(Guid runId, string key)
    {
        var path = Workspace(runId).JobRecord(key);
        return File.Exists(path) ? Read(path) : null;
    }

    /// <summary>Every accepted job of every run in the store, with its run and key; an unreadable record is skipped with its path.</summary>
    public IEnumerable<(Guid RunId, string Key, JobRecord? Record, string Path)> Accepted()
    {
        var runs = RunWorkspace.RunsOf(store.Root);
        if (!Directory.Exists(runs)) yield break;
        foreach (var run in Directory.EnumerateDirectories(runs))
        {
            if (!Guid.TryParse(Path.GetFileName(run), out var runId)) continue;
            var folder = Workspace(runId).Jobs;
            if (!Directory.Exists(folder)) continue;
            foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
                yield return (runId, Path.GetFileNameWithoutExtension(file), Read(file), file);
        }
    }

    private RunWorkspace Workspace(Guid runId) => new(store.Root, runId);

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
