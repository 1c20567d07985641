using System.Text.Json;
using System.Text.Json.Nodes;
using Samsara.Alignment.Metrics.Internal;
using Samsara.Engine;
using Samsara.Engine.Data;
using Samsara.Engine.Generation;

namespace Samsara.Alignment.Metrics;

/// <summary>
/// Samples n responses per question, scores them with every extractor, and writes <c>samples.jsonl</c> (one line
/// per sample) and <c>eval.json</c> (the <see cref="AccuracyReport"/>) to the output directory.
/// Questions go to the model in chunks that fill a batch, each chunk under its own seed (seed + chunk index) and
/// appended to samples.jsonl as soon as it is done, so a run that is stopped resumes at the first unfinished
/// chunk and draws exactly the samples an uninterrupted run would have. <c>run.json</c> records the sampling
/// settings; resuming with other settings is refused rather than mixing two runs in one file.
/// </summary>
public sealed class AccuracyEvaluation(LanguageModel model, EvalSettings settings)
{
    public const string SamplesFile = "samples.jsonl";
    public const string ReportFile = "eval.json";
    public const string RunFile = "run.json";

    /// <summary>
    /// Runs (or finishes) the evaluation into <paramref name="outputDirectory"/>. <paramref name="progress"/> gets
    /// (samples done, samples in all) after each batch, starting with those a previous run already wrote.
    /// </summary>
    public AccuracyReport Run(IReadOnlyList<EvalQuestion> questions, string outputDirectory, Action<long, long>? progress = null)
    {
        settings.Validate();
        if (questions.Count == 0) throw new ArgumentException($"{settings.Data}: no questions to evaluate");
        CheckUnique(questions);
        // Every prompt must fit before hours of sampling start, not when its chunk comes up.
        foreach (var q in questions) model.EncodePrompt(q.Prompt, q.Label, reserve: 1);

        Directory.CreateDirectory(outputDirectory);
        ClaimDirectory(outputDirectory);
        var chunks = questions.Chunk(Math.Max(1, settings.BatchSize / settings.Samples)).ToList();
        var samplesPath = Path.Combine(outputDirectory, SamplesFile);
        var (samples, chunksDone) = SampleLog.Resume(samplesPath, chunks, settings.Samples);
        var total = (long)questions.Count * settings.Samples;
        progress?.Invoke(samples.Count, total);

        var generator = new Generator(model);
        using (var log = SampleLog.OpenForAppend(samplesPath))
        {
            for (var c = chunksDone; c < chunks.Count; c++)
            {
                var chunk = chunks[c];
                var chunkSamples = SampleChunk(generator, chunk, unchecked(settings.Seed + (ulong)c), samples.Count, total, progress);
                log.Append(chunkSamples.Select((s, i) => s.ToJson(chunk[i / settings.Samples].Reference)));
                samples.AddRange(chunkSamples);
            }
        }

        var report = AccuracyReport.Compute(settings, questions, samples);
        AtomicFile.WriteAllText(Path.Combine(outputDirectory, ReportFile), report.ToJson().ToJsonString(JsonOptions) + "\n");
        return report;
    }

    private List<ScoredSample> SampleChunk(Generator generator, EvalQuestion[] chunk, ulong seed, long before, long total,
                                           Action<long, long>? progress)
    {
        var n = settings.Samples;
        // Question-major: the n samples of a question sit together, in sample order.
        var prompts = chunk.SelectMany(q => Enumerable.Repeat(q.Prompt, n)).ToArray();
        var labels = chunk.SelectMany(q => Enumerable.Repeat(q.Label, n)).ToArray();
        var completions = generator.Generate(prompts, settings.Generation(seed), (done, _) => progress?.Invoke(before + done, total), labels);
        return completions.Select((c, i) => ScoredSample.Score(chunk[i / n], i % n, c.Text, c.FinishReason.ToWireName())).ToList();
    }

    // run.json ties the directory to one set of sampling settings; a samples file without it is someone else's.
    private void ClaimDirectory(string outputDirectory)
    {
        var runPath = Path.Combine(outputDirectory, RunFile);
        var wanted = settings.SamplingJson();
        wanted["device"] = model.Model.Device.ToString();
        wanted["dtype"] = model.Model.DType.ToString();
        if (File.Exists(runPath))
        {
            var existing = JsonNode.Parse(File.ReadAllText(runPath)) as JsonObject
                ?? throw new JsonlException($"{runPath}: expected a JSON object");
            var changed = wanted.Where(p => !JsonNode.DeepEquals(p.Value, existing[p.Key])).Select(p => p.Key).ToList();
            if (changed.Count > 0)
                throw new ArgumentException(
                    $"{outputDirectory} holds a run with other settings ({string.Join(", ", changed)} differ); give a new --out, or delete it to start over");
        }
        else if (File.Exists(Path.Combine(outputDirectory, SamplesFile)))
        {
            throw new ArgumentException($"{outputDirectory} has a {SamplesFile} but no {RunFile}, so it cannot be resumed; give a new --out");
        }
        else
        {
            AtomicFile.WriteAllText(runPath, wanted.ToJsonString(JsonOptions) + "\n");
        }
    }

    private static void CheckUnique(IReadOnlyList<EvalQuestion> questions)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var q in questions)
            if (!seen.Add(q.Id)) throw new JsonlException($"{q.Label}: the id is used by an earlier line too");
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };
}
