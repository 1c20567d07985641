using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Samsara.Engine;
using Samsara.Engine.Data;

namespace Samsara.Alignment.Metrics.Internal;

/// <summary>
/// samples.jsonl as a log: whole chunks are appended and forced to disk, so after a crash the file is finished
/// chunks followed by at most one torn chunk, which <see cref="Resume"/> cuts off.
/// </summary>
internal sealed class SampleLog : IDisposable
{
    private readonly FileStream stream;

    private SampleLog(FileStream stream) => this.stream = stream;

    public static SampleLog OpenForAppend(string path) => new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read));

    public void Append(IEnumerable<JsonObject> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines) text.Append(line.ToJsonString()).Append('\n');
        stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
        stream.Flush(flushToDisk: true);
    }

    public void Dispose() => stream.Dispose();

    /// <summary>
    /// The samples of the chunks a previous run finished (re-scored from their responses) and how many chunks that
    /// is; the file is cut back to exactly those lines. A line that does not belong where it is means the questions
    /// changed since that run, which is an error rather than a silent mix.
    /// </summary>
    public static (List<ScoredSample> Samples, int Chunks) Resume(string path, IReadOnlyList<EvalQuestion[]> chunks, int n)
    {
        var samples = new List<ScoredSample>();
        if (!File.Exists(path)) return (samples, 0);
        var text = File.ReadAllText(path);
        // Every complete line ends in '\n'; what follows the last one is a torn write (or nothing).
        var lines = text.Split('\n')[..^1];
        var done = 0;
        foreach (var chunk in chunks)
        {
            if (samples.Count + chunk.Length * n > lines.Length) break;
            foreach (var question in chunk)
                for (var j = 0; j < n; j++)
                    samples.Add(Reread(path, samples.Count + 1, lines[samples.Count], question, j));
            done++;
        }
        if (done == chunks.Count && lines.Length > samples.Count)
            throw new JsonlException(
                $"{path}:{samples.Count + 1}: more samples than the questions need; the questions changed since this run began, give a new --out");
        if (samples.Count != lines.Length || (text.Length > 0 && !text.EndsWith('\n')))
            AtomicFile.WriteAllText(path, string.Concat(lines.Take(samples.Count).Select(l => l + "\n")));
        return (samples, done);
    }

    private static ScoredSample Reread(string path, int lineNumber, string line, EvalQuestion question, int sample)
    {
        JsonObject? obj;
        try
        {
            obj = JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException)
        {
            obj = null;
        }
        if (obj is null) throw new JsonlException($"{path}:{lineNumber}: not a sample line; the file is damaged, give a new --out");
        var record = new JsonlRecord(obj, path, lineNumber);
        if (record.Id() != question.Id || obj["sample"] is not JsonValue v || !v.TryGetValue<int>(out var index) || index != sample)
            throw new JsonlException(
                $"{path}:{lineNumber}: expected question '{question.Id}' sample {sample}; the questions changed since this run began, give a new --out");
        return ScoredSample.Score(question, sample, record.RequiredString("response"), record.RequiredString("finish_reason"));
    }
}
