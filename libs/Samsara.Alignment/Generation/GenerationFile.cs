using System.Text.Json.Nodes;
using Samsara.Alignment.Constitutions;
using Samsara.Alignment.Datasets;
using Samsara.Engine;
using Samsara.Engine.Data;
using Samsara.Engine.Generation;

namespace Samsara.Alignment.Generation;

/// <summary>
/// A generations file that fills up as groups of queries finish and that a rerun completes: queries already in
/// it are skipped, and a partial last line left by a crash is dropped (its query is generated again). The model is
/// loaded only when there is something left to generate.
/// </summary>
public sealed class GenerationFile(string path, ConstitutionSampler sampler, PromptFormat format = PromptFormat.Paper)
{
    public string Path { get; } = path;

    /// <summary>The queries not in the file yet; <paramref name="log"/> hears about repairs and resumption.</summary>
    public IReadOnlyList<Query> Pending(IReadOnlyList<Query> queries, Action<string>? log = null)
    {
        if (JsonlAppender.Repair(Path) is { } dropped)
            log?.Invoke($"{Path}:{dropped}: dropped a partial last line left by an interrupted run; its prompt is generated again");
        var finished = File.Exists(Path) ? Jsonl.Read(Path).Select(FinishedId).ToHashSet(StringComparer.Ordinal) : [];
        var pending = queries.Where(q => !finished.Contains(q.Id)).ToList();
        if (pending.Count < queries.Count)
            log?.Invoke($"{Path}: {queries.Count - pending.Count} of {queries.Count} prompts already generated; resuming with {pending.Count}");
        return pending;
    }

    /// <summary>Generates the pending queries on the local engine, appending each finished group; returns how many were generated.</summary>
    public int Complete(IReadOnlyList<Query> queries, Func<LanguageModel> loadModel, GenerationOptions options,
                        Action<int, int, long>? progress = null, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        LanguageModel? lm = null;
        try
        {
            return Complete(queries, () => new Generator(lm = loadModel()), options, progress, log, cancellationToken);
        }
        finally
        {
            lm?.Dispose();
        }
    }

    /// <summary>
    /// Generates the pending queries with whatever <paramref name="openGenerator"/> returns (the local engine or an
    /// endpoint; opened only when something is pending), appending each finished group; returns how many were generated.
    /// </summary>
    public int Complete(IReadOnlyList<Query> queries, Func<ITextGenerator> openGenerator, GenerationOptions options,
                        Action<int, int, long>? progress = null, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var pending = Pending(queries, log);
        if (pending.Count == 0) return 0;
        var generator = openGenerator();
        using var appender = JsonlAppender.Open(Path);
        var generation = new PrincipledGeneration(generator, sampler, options, format);
        foreach (var lines in generation.Run(pending, (done, tokens) => progress?.Invoke(done, pending.Count, tokens)))
        {
            appender.Append(lines);
            cancellationToken.ThrowIfCancellationRequested();
        }
        return pending.Count;
    }

    // A resumed file must stay one data set: lines with another number of constitutions came from another run.
    private string FinishedId(JsonlRecord line)
    {
        if (line.Object["constitutions"] is JsonArray constitutions && constitutions.Count != sampler.PerQuery)
            throw new JsonlException($"{line.Path}:{line.Line}: has {constitutions.Count} constitutions but {sampler.PerQuery} are asked for per prompt; " +
                                     "resume with the same settings or write to another file");
        return line.Id();
    }
}
