using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Samsara.Engine;

namespace Samsara.Endpoints;

/// <summary>
/// A run's endpoint usage, kept per unit of work so that any number of replicas can record theirs at once: one file
/// per task id under <c>{workspace}/usage/</c>, written atomically, summed when read. Recording is idempotent: a
/// redelivered task rewrites its own file and keeps the larger of each figure, so the task is never counted twice,
/// and a rerun that the judgement cache made cheap does not erase what its first delivery paid.
/// </summary>
public static class RunUsage
{
    /// <summary>The folder under the run's workspace that holds the records.</summary>
    public const string Folder = "usage";

    /// <summary>Records what <paramref name="scope"/> counted as task <paramref name="taskId"/>'s usage.</summary>
    public static void Record(string workspaceDir, string taskId, UsageScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        Record(workspaceDir, taskId, scope.Totals);
    }

    /// <summary>Records task <paramref name="taskId"/>'s usage by endpoint; nothing is written when it used no endpoint.</summary>
    public static void Record(string workspaceDir, string taskId, IReadOnlyDictionary<string, UsageTotals> usage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        ArgumentNullException.ThrowIfNull(usage);
        if (usage.Values.All(u => u.IsEmpty)) return;
        var path = PathOf(workspaceDir, taskId);
        var merged = new Dictionary<string, UsageTotals>(StringComparer.Ordinal);
        if (File.Exists(path))
            foreach (var (endpoint, totals) in Read(path).Endpoints) merged[endpoint] = totals;
        foreach (var (endpoint, totals) in usage)
            merged[endpoint] = merged.TryGetValue(endpoint, out var earlier) ? UsageTotals.Max(earlier, totals) : totals;
        var json = new JsonObject
        {
            ["task"] = taskId,
            ["endpoints"] = new JsonObject(merged.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value.ToJson()))),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>The run's usage so far, by endpoint, summed over every recorded task; empty when none was recorded.</summary>
    public static IReadOnlyDictionary<string, UsageTotals> Total(string workspaceDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceDir);
        var total = new Dictionary<string, UsageTotals>(StringComparer.Ordinal);
        var folder = Path.Combine(workspaceDir, Folder);
        if (!Directory.Exists(folder)) return total;
        // *.json only: a writer's temporary (NAME.json.tmp-…) is not a record yet.
        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
            foreach (var (endpoint, totals) in Read(path).Endpoints)
                total[endpoint] = total.TryGetValue(endpoint, out var sum) ? sum + totals : totals;
        return total;
    }

    /// <summary>Task <paramref name="taskId"/>'s record: a readable name (ids may hold '/' or ':') plus a hash of the exact id, so two ids never share a file.</summary>
    public static string PathOf(string workspaceDir, string taskId)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        var readable = new string([.. taskId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]);
        if (readable.Length > 80) readable = readable[..80];
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(taskId)))[..12];
        return Path.Combine(workspaceDir, Folder, $"{readable}-{hash}.json");
    }

    private static (string Task, IEnumerable<KeyValuePair<string, UsageTotals>> Endpoints) Read(string path)
    {
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new FormatException("not a JSON object");
            var endpoints = json["endpoints"] as JsonObject ?? throw new FormatException("no \"endpoints\" object");
            return (json["task"]?.GetValue<string>() ?? "", endpoints.Select(e =>
                KeyValuePair.Create(e.Key, UsageTotals.FromJson(e.Value as JsonObject ?? throw new FormatException($"endpoint '{e.Key}' is not an object")))).ToList());
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new IOException($"{path}: not a usage record ({e.Message}); move it aside to leave it out of the run's total", e);
        }
    }
}
