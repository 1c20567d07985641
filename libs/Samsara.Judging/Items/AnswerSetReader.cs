using System.Text.Json;
using System.Text.Json.Nodes;
using Samsara.Engine.Data;

namespace Samsara.Judging.Items;

/// <summary>
/// Reads a model's answers. Two formats, told apart by shape:
/// JSONL, one answer a line: <c>{"id","category","prompt","response"}</c> (<c>"question"</c> for <c>"prompt"</c> and a
/// <c>"constitution"</c> string are accepted too), or a generations line (docs/architecture.md §9) with exactly one entry in
/// <c>"responses"</c> (and <c>"constitutions"</c>); and the multi-task paper's results file, one JSON object of columns
/// <c>{"constitution":{"0":…},"question":{…},"category":{…},"response":{…}}</c> (pandas' <c>to_json</c>), read as it is.
/// </summary>
public static class AnswerSetReader
{
    public static AnswerSet Read(string path)
    {
        if (!File.Exists(path)) throw new JsonlException($"{path}: file not found");
        var model = Path.GetFileNameWithoutExtension(path);
        var answers = AsPaperColumns(path) ?? Jsonl.Read(path).Select(FromLine).ToList();
        if (answers.Count == 0) throw new JsonlException($"{path}: no answers (the file is empty)");
        var duplicate = answers.GroupBy(a => a.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new JsonlException($"{path}: id '{duplicate.Key}' appears {duplicate.Count()} times; each question must be answered once");
        return new AnswerSet(model, path, answers);
    }

    private static Answer FromLine(JsonlRecord line)
    {
        var question = line.Object.ContainsKey("prompt") ? line.RequiredString("prompt") : line.RequiredString("question");
        if (line.Object.ContainsKey("response"))
        {
            var constitution = line.Object.ContainsKey("constitution") ? line.RequiredString("constitution") : null;
            return new Answer(line.Id(), line.RequiredString("category"), question, constitution, line.RequiredString("response"));
        }
        if (line.Object["responses"] is not JsonArray responses)
            throw new JsonlException($"{line.Path}:{line.Line}: expected a \"response\" string or a \"responses\" list");
        if (responses.Count != 1)
            throw new JsonlException($"{line.Path}:{line.Line}: {responses.Count} responses; judging compares one response per id and model");
        var constitutions = line.Object["constitutions"] as JsonArray;
        return new Answer(line.Id(), line.RequiredString("category"), question, StringAt(constitutions, line, "constitutions"),
                          StringAt(responses, line, "responses") ?? "");
    }

    private static string? StringAt(JsonArray? list, JsonlRecord line, string field) => list switch
    {
        null or [] => null,
        [JsonValue v] when v.TryGetValue<string>(out var s) => s,
        _ => throw new JsonlException($"{line.Path}:{line.Line}: field \"{field}\" must hold one string"),
    };

    // The paper's file is one object whose "response" is itself an object (row index → text); a JSONL line never is.
    private static List<Answer>? AsPaperColumns(string path)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
        if (root?["response"] is not JsonObject responses) return null;
        string Column(string name, string row) =>
            root[name] is JsonObject column && column[row] is JsonValue v && v.TryGetValue<string>(out var s) ? s
                : throw new JsonlException($"{path}: column \"{name}\" has no string for row \"{row}\"");
        return responses.Select(r => new Answer(
            r.Key,
            Column("category", r.Key),
            Column("question", r.Key),
            root["constitution"] is null ? null : Column("constitution", r.Key),
            Column("response", r.Key))).ToList();
    }
}
