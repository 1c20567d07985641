using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Samsara.Engine.Data;

namespace Samsara.Judging.Reports;

/// <summary>
/// The pass@k of one accuracy evaluation (an <c>eval.json</c> from <c>samsara eval</c>, i.e.
/// <see cref="Alignment.Metrics.AccuracyReport"/>'s JSON): per extractor, pass@k for each k. <see cref="Label"/> names
/// it in the report (the folder the file is in).
/// </summary>
public sealed record EvalCurve(string Label, string Source, int Questions, int Samples, IReadOnlyDictionary<string, IReadOnlyList<(int K, double PassAtK)>> ByExtractor)
{
    public static EvalCurve Read(string path)
    {
        if (!File.Exists(path)) throw new JsonlException($"{path}: file not found");
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        }
        catch (JsonException e)
        {
            throw new JsonlException($"{path}: not valid JSON ({e.Message})");
        }
        if (root?["pass_at_k"] is not JsonObject passAtK || passAtK.Count == 0)
            throw new JsonlException($"{path}: no \"pass_at_k\" object; expected the eval.json that `samsara eval` writes");
        var curves = new SortedDictionary<string, IReadOnlyList<(int, double)>>(StringComparer.Ordinal);
        foreach (var (extractor, node) in passAtK)
        {
            if (node is not JsonObject byK || byK.Count == 0) throw new JsonlException($"{path}: pass_at_k.{extractor} must be an object of k → value");
            curves[extractor] = byK.Select(p =>
            {
                if (!int.TryParse(p.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k < 1)
                    throw new JsonlException($"{path}: pass_at_k.{extractor} has key '{p.Key}', not a k ≥ 1");
                if (p.Value is not JsonValue v || !v.TryGetValue<double>(out var value) || value is < 0 or > 1)
                    throw new JsonlException($"{path}: pass_at_k.{extractor}.{p.Key} must be a number in [0, 1]");
                return (k, value);
            }).OrderBy(x => x.k).ToList();
        }
        var label = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(path))!).Name;
        return new EvalCurve(label, path, Int(root, "questions"), Int(root, "n"), curves);
    }

    private static int Int(JsonObject root, string field) => root[field] is JsonValue v && v.TryGetValue<int>(out var i) ? i : 0;
}
