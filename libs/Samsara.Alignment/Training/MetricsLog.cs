using System.Text.Json.Nodes;
using Samsara.Engine;

namespace Samsara.Alignment.Training;

/// <summary>
/// DIR/metrics.jsonl: one line per optimizer step, flushed as it is written, so a killed run loses nothing it
/// reported. On resume the lines past the checkpoint's step are dropped (they will be computed again).
/// </summary>
internal sealed class MetricsLog : IDisposable
{
    private readonly StreamWriter writer;

    public MetricsLog(string path, int resumedStep)
    {
        var kept = resumedStep == 0 || !File.Exists(path) ? []
            : File.ReadLines(path).Where(line => StepOf(line) is { } step && step <= resumedStep).ToList();
        AtomicFile.WriteAllText(path, kept.Count == 0 ? "" : string.Join('\n', kept) + "\n");
        writer = new StreamWriter(path, append: true) { AutoFlush = true };
    }

    public void Write(JsonObject line) => writer.WriteLine(line.ToJsonString());

    public void Dispose() => writer.Dispose();

    // A torn last line (the process died mid-write) has no step and is dropped.
    private static int? StepOf(string line)
    {
        try
        {
            return JsonNode.Parse(line)?["step"]?.GetValue<int>();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
