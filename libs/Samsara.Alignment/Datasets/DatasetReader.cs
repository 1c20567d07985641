using Samsara.Alignment.Datasets.Internal;
using Samsara.Engine.Data;

namespace Samsara.Alignment.Datasets;

/// <summary>
/// Reads the files trainers and builders consume. Every problem is an error naming file, line and field — a
/// training run should fail at load, not hours in — and an empty file is an error, not a no-op run.
/// </summary>
public static class DatasetReader
{
    public static IReadOnlyList<GenerationRecord> ReadGenerations(string path) =>
        NonEmpty(Jsonl.Read(path).Select(GenerationRecord.From).ToList(), path);

    /// <summary>Generation lines as SAMI examples; "finish_reasons" and "signs" are not needed here.</summary>
    public static IReadOnlyList<SamiExample> ReadSami(string path) => NonEmpty(Jsonl.Read(path).Select(line =>
    {
        var constitutions = line.StringList("constitutions");
        var responses = line.StringList("responses");
        if (constitutions.Length < 2) throw line.Error($"{constitutions.Length} constitution(s); SAMI contrasts at least 2");
        if (responses.Length != constitutions.Length)
            throw line.Error($"{constitutions.Length} constitutions but {responses.Length} responses (responses[j] is written under constitutions[j])");
        return new SamiExample(line.Id(), line.RequiredString("category"), line.RequiredString("prompt"), constitutions, responses);
    }).ToList(), path);

    public static IReadOnlyList<SftExample> ReadSft(string path) => NonEmpty(Jsonl.Read(path)
        .Select(line => new SftExample(line.Id(), line.RequiredString("prompt"), line.RequiredString("completion"))).ToList(), path);

    public static IReadOnlyList<PreferencePair> ReadPreferences(string path) => NonEmpty(Jsonl.Read(path)
        .Select(line => new PreferencePair(line.Id(), line.RequiredString("prompt"), line.RequiredString("chosen"), line.RequiredString("rejected")))
        .ToList(), path);

    private static List<T> NonEmpty<T>(List<T> items, string path) =>
        items.Count > 0 ? items : throw new JsonlException($"{path}: no examples (the file has no lines)");
}
