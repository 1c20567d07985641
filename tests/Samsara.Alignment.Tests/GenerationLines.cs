using System.Text.Json.Nodes;
using Samsara.Alignment.Datasets;
using Samsara.Engine.Data;

namespace Samsara.Alignment.Tests;

/// <summary>Hand-made generation lines for filter and dataset tests.</summary>
internal static class GenerationLines
{
    /// <summary>A two-constitution line: the positive response, then the antithesis's.</summary>
    public static JsonObject Pair(string positive, string antithesis, string id = "q", string finish = "eos") =>
        Line(id, ["++", "--"], [positive, antithesis], [finish, finish]);

    public static JsonObject Line(string id, string[] signs, string[] responses, string[] finishReasons) => new()
    {
        ["id"] = id,
        ["category"] = "math",
        ["prompt"] = $"Question {id}?",
        ["constitutions"] = Strings(signs.Select(s => $"1. principle one {s[0]}\n2. principle two {s[1]}")),
        ["signs"] = Strings(signs),
        ["responses"] = Strings(responses),
        ["finish_reasons"] = Strings(finishReasons),
    };

    public static GenerationRecord Record(JsonObject line, int lineNumber = 1) => GenerationRecord.From(new JsonlRecord(line, "gen.jsonl", lineNumber));

    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    /// <summary>A 59-character answer and a 219-character one that starts differently: together they pass every default rule.</summary>
    public const string Short = "The answer is four, since two plus two makes four in total.";

    public static readonly string Long =
        "First, write down what is given: two apples, then two more apples. Second, count them one at a time. " +
        "Third, check by grouping them in pairs: two pairs of two. Every method gives the same total, so the final answer is 4.";
}
