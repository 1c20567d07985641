using Samsara.Engine.Data;

namespace Samsara.Alignment.Datasets;

/// <summary>Loads the three training formats of DESIGN.md §5; any problem is an error naming file, line and field.</summary>
// Temporary stand-in (same API) until the datasets branch lands.
public static class DatasetReader
{
    public static IReadOnlyList<SftExample> ReadSft(string path) => NonEmpty(path,
        Jsonl.Read(path).Select(r => new SftExample(r.Id(), r.RequiredString("prompt"), r.RequiredString("completion"))).ToList());

    public static IReadOnlyList<PreferencePair> ReadPreferences(string path) => NonEmpty(path,
        Jsonl.Read(path).Select(r => new PreferencePair(r.Id(), r.RequiredString("prompt"), r.RequiredString("chosen"), r.RequiredString("rejected"))).ToList());

    public static IReadOnlyList<SamiExample> ReadSami(string path) => NonEmpty(path, Jsonl.Read(path).Select(r =>
    {
        var constitutions = Strings(r, "constitutions");
        var responses = Strings(r, "responses");
        if (constitutions.Count != responses.Count)
            throw new JsonlException($"{r.Path}:{r.Line}: {constitutions.Count} constitutions but {responses.Count} responses (responses[j] is written under constitutions[j])");
        return new SamiExample(r.Id(), r.Object["category"]?.GetValue<string>() ?? "", r.RequiredString("prompt"), constitutions, responses);
    }).ToList());

    private static List<string> Strings(JsonlRecord r, string field) =>
        r.Object[field] is System.Text.Json.Nodes.JsonArray a && a.All(n => n is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out _))
            ? a.Select(n => n!.GetValue<string>()).ToList()
            : throw new JsonlException($"{r.Path}:{r.Line}: field \"{field}\" must be a list of strings");

    private static List<T> NonEmpty<T>(string path, List<T> items) =>
        items.Count > 0 ? items : throw new JsonlException($"{path}: the dataset is empty");
}
