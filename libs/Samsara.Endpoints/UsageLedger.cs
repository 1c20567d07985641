using System.Text.Json;
using System.Text.Json.Nodes;
using Samsara.Engine;

namespace Samsara.Endpoints;

/// <summary>
/// One output file's endpoint usage on disk ({"requests","retries","failures","rate_limited","throttled_waits",
/// "prompt_tokens","completion_tokens"}) beside the output of a standalone command (<c>samsara generate</c>,
/// <c>samsara judge</c>), added to by every invocation that writes that file — a resumed invocation's total includes
/// what the interrupted one spent. Written atomically, so a crash leaves the previous total; it has one writer at a
/// time. A run's usage over many replicas (its teacher's shards, its judge tasks) is <see cref="RunUsage"/>'s, kept per
/// task.
/// </summary>
public static class UsageLedger
{
    public static JsonObject Add(string path, UsageMeter meter)
    {
        var total = Read(path);
        void Add(string field, long value) => total[field] = (total[field]?.GetValue<long>() ?? 0) + value;
        Add("requests", meter.Requests);
        Add("retries", meter.Retries);
        Add("failures", meter.Failures);
        Add("rate_limited", meter.RateLimited);
        Add("throttled_waits", meter.ThrottledWaits);
        Add("prompt_tokens", meter.Usage.PromptTokens);
        Add("completion_tokens", meter.Usage.CompletionTokens);
        AtomicFile.WriteAllText(path, total.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return total;
    }

    public static JsonObject Read(string path)
    {
        if (!File.Exists(path)) return [];
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException e)
        {
            throw new IOException($"{path}: the usage ledger is not a JSON object ({e.Message}); move it aside to start a new total", e);
        }
    }
}
