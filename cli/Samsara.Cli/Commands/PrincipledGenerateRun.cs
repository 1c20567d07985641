using System.Text.Json.Nodes;
using Samsara.Alignment.Constitutions;
using Samsara.Alignment.Datasets;
using Samsara.Alignment.Generation;
using Samsara.Engine;
using Samsara.Engine.Data;
using Samsara.Engine.Generation;

namespace Samsara.Cli.Commands;

/// <summary>
/// `samsara generate --constitutions …`: responses under sampled constitutions, appended to --out as each group
/// of prompts finishes. A rerun with the same --out skips the prompts already there, so an interrupted run
/// resumes where it stopped; everything is checked before the model is loaded.
/// </summary>
internal sealed class PrincipledGenerateRun(string principles, int perPrompt, ulong seed, string? prompt, string? prompts, string? output)
{
    public int Execute(Func<LanguageModel> loadModel, GenerationOptions options)
    {
        if (prompt is not null || prompts is null) throw new ArgumentException("--constitutions works on a prompts file: give --prompts FILE.jsonl");
        if (output is null) throw new ArgumentException("--constitutions needs --out FILE (lines are appended there, and a rerun resumes)");
        var sampler = new ConstitutionSampler(PrincipleSet.LoadOrDefault(principles), seed, perPrompt);
        var queries = QueryFile.Read(prompts, sampler.Principles);

        if (JsonlAppender.Repair(output) is { } dropped)
            Console.Error.WriteLine($"samsara: {output}:{dropped}: dropped a partial last line left by an interrupted run; its prompt is generated again");
        var finished = File.Exists(output) ? Jsonl.Read(output).Select(FinishedId).ToHashSet(StringComparer.Ordinal) : [];
        var pending = queries.Where(q => !finished.Contains(q.Id)).ToList();
        if (pending.Count < queries.Count)
            Console.Error.WriteLine($"samsara: {output}: {queries.Count - pending.Count} of {queries.Count} prompts already generated; resuming with {pending.Count}");
        if (pending.Count == 0) return 0;

        using var lm = loadModel();
        using var appender = JsonlAppender.Open(output);
        var bar = new ProgressBar("generate", pending.Count, "prompts");
        var generation = new PrincipledGeneration(new Generator(lm), sampler, options);
        foreach (var lines in generation.Run(pending, (done, tokens) => bar.Report(done, $"{tokens} tokens")))
            appender.Append(lines);
        return 0;
    }

    // A resumed file must stay one data set: lines with another number of constitutions came from another run.
    private string FinishedId(JsonlRecord line)
    {
        if (line.Object["constitutions"] is JsonArray constitutions && constitutions.Count != perPrompt)
            throw new JsonlException($"{line.Path}:{line.Line}: has {constitutions.Count} constitutions but --per-prompt is {perPrompt}; " +
                                     "resume with the same settings or write to another --out");
        return line.Id();
    }
}
