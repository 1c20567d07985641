using System.Text.Json.Nodes;
using Samsara.Alignment.Metrics;
using Samsara.Engine.Data;
using Samsara.Judging.Internal;
using Samsara.Judging.Prompts;

namespace Samsara.Judging;

/// <summary>
/// Judgements lines: <c>{"id","category","model_a","model_b","verdict":"A"|"B"|"tie","order":"AB"|"BA"|"both",
/// "raw": text (one call) or [text, text] (both orders), "judge","prompt_version","protocol":"both"|"random",
/// "calls":[{"order","verdict","cached"}],"parse_failures","inconsistent"}</c>. The first seven fields are
/// docs/architecture.md §9's contract; the rest say how the verdict was reached.
/// </summary>
public static class JudgementJson
{
    public static JsonObject ToJson(JudgementRecord r) => new()
    {
        ["id"] = r.Id,
        ["category"] = r.Category,
        ["model_a"] = r.ModelA,
        ["model_b"] = r.ModelB,
        ["verdict"] = VerdictName(r.Verdict),
        ["order"] = r.Order,
        ["raw"] = r.Calls.Count == 1 ? r.Calls[0].Raw : new JsonArray(r.Calls.Select(c => (JsonNode)c.Raw).ToArray()),
        ["judge"] = r.Judge,
        ["prompt_version"] = r.PromptVersion,
        ["protocol"] = r.Protocol.ToWireName(),
        ["calls"] = new JsonArray(r.Calls.Select(c => (JsonNode)new JsonObject
        {
            ["order"] = c.Order.ToString(),
            ["verdict"] = CallName(c.Verdict),
            ["cached"] = c.Cached,
        }).ToArray()),
        ["parse_failures"] = r.ParseFailures,
        ["inconsistent"] = r.Inconsistent,
    };

    public static string VerdictName(Verdict verdict) => verdict switch
    {
        Verdict.A => "A",
        Verdict.B => "B",
        _ => "tie",
    };

    public static string CallName(CallVerdict verdict) => verdict switch
    {
        CallVerdict.A => "A",
        CallVerdict.B => "B",
        CallVerdict.Tie => "tie",
        _ => "unparsed",
    };

    /// <summary>Reads a judgements file; every line must carry the contract's fields, and an id may appear once.</summary>
    public static IReadOnlyList<JudgementRecord> Read(string path)
    {
        var records = Jsonl.Read(path).Select(FromLine).ToList();
        if (records.Count == 0) throw new JsonlException($"{path}: no judgements (the file is empty)");
        var duplicate = records.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new JsonlException($"{path}: id '{duplicate.Key}' is judged {duplicate.Count()} times");
        return records;
    }

    public static JudgementRecord FromLine(JsonlRecord line)
    {
        var verdict = line.RequiredString("verdict") switch
        {
            "A" => Verdict.A,
            "B" => Verdict.B,
            "tie" => Verdict.Tie,
            var other => throw line.Error($"verdict \"{other}\" is not \"A\", \"B\" or \"tie\""),
        };
        var order = line.RequiredString("order");
        if (order is not ("AB" or "BA" or "both")) throw line.Error($"order \"{order}\" is not \"AB\", \"BA\" or \"both\"");
        var raws = line.Object["raw"] switch
        {
            JsonArray list => list.Select(n => n.AsString() ?? "").ToArray(),
            JsonValue v when v.TryGetValue<string>(out var s) => [s],
            _ => [],
        };
        var calls = line.Object["calls"] is JsonArray callList
            ? callList.Select((c, i) => ReadCall(line, c, i < raws.Length ? raws[i] : "")).ToList()
            : ImpliedCalls(order, verdict, raws);
        var protocol = line.Object.ContainsKey("protocol") ? JudgeProtocols.Parse(line.RequiredString("protocol"))
            : order == "both" ? JudgeProtocol.Both : JudgeProtocol.Random;
        return new JudgementRecord(line.Id(), line.RequiredString("category"), line.RequiredString("model_a"), line.RequiredString("model_b"),
            verdict, order, calls, Optional(line, "judge"), Optional(line, "prompt_version"), protocol);
    }

    private static JudgementCall ReadCall(JsonlRecord line, JsonNode? node, string raw)
    {
        if (node is not JsonObject call) throw line.Error("each entry of \"calls\" must be an object");
        var order = call["order"].AsString() switch
        {
            "AB" => Order.AB,
            "BA" => Order.BA,
            var other => throw line.Error($"a call's order \"{other}\" is not \"AB\" or \"BA\""),
        };
        var verdict = call["verdict"].AsString() switch
        {
            "A" => CallVerdict.A,
            "B" => CallVerdict.B,
            "tie" => CallVerdict.Tie,
            "unparsed" => CallVerdict.Unparsed,
            var other => throw line.Error($"a call's verdict \"{other}\" is not \"A\", \"B\", \"tie\" or \"unparsed\""),
        };
        return new JudgementCall(order, verdict, raw, call["cached"].AsBool() ?? false);
    }

    // A judgements file from elsewhere (only the §5 fields): its verdict stands for its calls.
    private static List<JudgementCall> ImpliedCalls(string order, Verdict verdict, string[] raws)
    {
        var callVerdict = verdict switch { Verdict.A => CallVerdict.A, Verdict.B => CallVerdict.B, _ => CallVerdict.Tie };
        Order[] orders = order == "both" ? [Order.AB, Order.BA] : [order == "AB" ? Order.AB : Order.BA];
        return orders.Select((o, i) => new JudgementCall(o, callVerdict, i < raws.Length ? raws[i] : "", false)).ToList();
    }

    private static string Optional(JsonlRecord line, string field) => line.Object.ContainsKey(field) ? line.RequiredString(field) : "";
}
