using System.Text.Json.Nodes;

namespace Samsara.Alignment.Constitutions.Internal;

/// <summary>The field-by-field reading of principles files, with errors naming file, principle and field.</summary>
internal static class PrincipleJson
{
    // The math file of the paper lists no categories: all its principles are for math questions.
    private static readonly string[] MathCategories = ["math"];

    public static List<Principle> ReadSamsara(JsonArray list, string source)
    {
        var principles = new List<Principle>();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonObject p) throw new PrincipleSetException($"{source}: principles[{i}] must be an object");
            var id = Text(p, "id", source, $"principles[{i}]");
            var where = $"principle \"{id}\"";
            principles.Add(new Principle(id, Text(p, "weak", source, where), Text(p, "strong", source, where),
                Text(p, "antithesis", source, where), TextList(p, "categories", source, where)));
        }
        return principles;
    }

    /// <summary>The paper's files: an object keyed by principle id; the math file's keys are told by "definition".</summary>
    public static List<Principle> ReadPaper(JsonObject root, string source)
    {
        var principles = new List<Principle>();
        foreach (var (id, node) in root)
        {
            var where = $"principle \"{id}\"";
            if (node is not JsonObject p) throw new PrincipleSetException($"{source}: {where} must be an object");
            principles.Add(p.ContainsKey("definition")
                ? new Principle(id, Text(p, "definition", source, where), TextList(p, "paraphrases", source, where)[0],
                    TextList(p, "paraphrases_antithesis", source, where)[0],
                    p.ContainsKey("relevant_for") ? TextList(p, "relevant_for", source, where) : MathCategories)
                : new Principle(id, Text(p, "weak", source, where), Text(p, "strong", source, where),
                    Text(p, "antithesis", source, where), TextList(p, "relevant_for", source, where)));
        }
        return principles;
    }

    private static string Text(JsonObject obj, string field, string source, string where) =>
        obj[field] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s
            : throw new PrincipleSetException(
                $"{source}: {where}: field \"{field}\" must be a non-empty string{(obj[field] is null ? " (it is missing)" : "")}");

    private static string[] TextList(JsonObject obj, string field, string source, string where)
    {
        var error = $"{source}: {where}: field \"{field}\" must be a non-empty list of non-empty strings";
        if (obj[field] is not JsonArray items || items.Count == 0) throw new PrincipleSetException(error + (obj[field] is null ? " (it is missing)" : ""));
        return items.Select(x => x is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s
            : throw new PrincipleSetException(error)).ToArray();
    }
}
