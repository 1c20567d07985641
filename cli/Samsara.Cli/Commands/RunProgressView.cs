using System.Globalization;
using Samsara.Api.V1;

namespace Samsara.Cli.Commands;

/// <summary>How a run's events and its end look on the terminal: state lines, one progress bar per stage, a summary.</summary>
internal sealed class RunProgressView(string name)
{
    private readonly Dictionary<string, ProgressBar> bars = [];

    public void Show(RunEvent e)
    {
        switch (e.KindCase)
        {
            case RunEvent.KindOneofCase.StateChanged:
                Console.Error.WriteLine($"run {name}: {e.StateChanged.ToString().ToLowerInvariant()}{(e.Reason.Length > 0 ? $" ({e.Reason})" : "")}");
                break;
            case RunEvent.KindOneofCase.Progress when e.Progress.Total > 0:
                var p = e.Progress;
                if (!bars.TryGetValue(p.Stage, out var bar)) bars[p.Stage] = bar = new ProgressBar(p.Stage, (long)p.Total, p.Unit);
                bar.Report((long)p.Done);
                break;
            case RunEvent.KindOneofCase.Message:
                Console.Error.WriteLine($"run {name}: {e.Message}");
                break;
        }
    }

    /// <summary>Prints the final state, metrics and artifacts; the exit code is 0 only for a completed run.</summary>
    public int Summarize(Run run)
    {
        Console.WriteLine($"run {name}: {run.State.ToString().ToLowerInvariant()}{(run.Error.Length > 0 ? $": {run.Error}" : "")}");
        foreach (var metric in run.Metrics)
            Console.WriteLine($"  {metric.Name,-44} {metric.Value.ToString("G6", CultureInfo.InvariantCulture)}");
        foreach (var artifact in run.Artifacts)
            Console.WriteLine($"  {artifact.Stage,-16} {artifact.Path}");
        return run.State == RunState.Completed ? 0 : 1;
    }
}
