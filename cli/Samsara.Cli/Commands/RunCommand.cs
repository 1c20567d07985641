using System.CommandLine;
using System.Globalization;
using Samsara.Api;
using Samsara.Api.Runs;
using Samsara.Api.V1;
using Samsara.Pipeline;

namespace Samsara.Cli.Commands;

/// <summary>
/// `samsara run SPEC.yaml`: a whole run on the embedded default — the gateway and the stage services in this
/// process (<see cref="AllInOneHost"/>) — started and watched through the gateway's API like any client would,
/// with live progress and a summary at the end. The same --run-id again resumes a run a killed process left.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "Run spec (YAML or JSON: the RunSpec message of protos/samsara/v1)" };
        var artifacts = new Option<string>("--artifacts") { Description = "Artifact store root (also holds the run state)", DefaultValueFactory = _ => "artifacts" };
        var runId = new Option<string?>("--run-id") { Description = "Name of the run (default: the spec's name); the same name resumes it" };
        var threads = CommonOptions.Threads();
        var command = new Command("run", "Run a whole alignment pipeline on the embedded default") { spec, artifacts, runId, threads };
        command.SetAction(async (parse, cancellationToken) =>
        {
            CommandRunner.Setup("cpu", parse.GetValue(threads));
            var path = parse.GetRequiredValue(spec);
            var runSpec = RunSpecFile.Load(path);
            // Checked here too, so a bad spec is one message before anything starts (the gateway checks it again).
            var violations = new RunSpecValidator(d => File.Exists(Path.Combine(d, "config.json")), File.Exists).Validate(runSpec);
            if (violations.Count > 0) throw new ArgumentException($"{path}: {string.Join("; ", violations)}");
            var name = parse.GetValue(runId) ?? (runSpec.Name.Length > 0 ? runSpec.Name : Path.GetFileNameWithoutExtension(path));
            return await RunAsync(runSpec, name, parse.GetRequiredValue(artifacts), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(RunSpec spec, string name, string artifacts, CancellationToken cancellationToken)
    {
        await using var host = await AllInOneHost.StartAsync(artifacts, cancellationToken);
        var run = await host.StartRunAsync(spec, idempotencyKey: name, cancellationToken);
        Console.Error.WriteLine($"run {name}: id {run.Id}");
        if (run.State is not RunState.Pending && !RunTransitions.IsFinal(run.State))
        {
            Console.Error.WriteLine($"run {name}: resuming from {run.State.ToString().ToLowerInvariant()}");
            await host.ResumeAsync(run, cancellationToken);
        }
        var bars = new Dictionary<string, ProgressBar>();
        try
        {
            await foreach (var e in host.WatchAsync(run.Id, cancellationToken)) Show(name, e, bars);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await host.CancelRunAsync(run.Id, "interrupted (Ctrl+C)");
        }
        var final = await host.GetRunAsync(run.Id, CancellationToken.None);
        Console.WriteLine($"run {name}: {final.State.ToString().ToLowerInvariant()}{(final.Error.Length > 0 ? $": {final.Error}" : "")}");
        foreach (var metric in final.Metrics)
            Console.WriteLine($"  {metric.Name,-44} {metric.Value.ToString("G6", CultureInfo.InvariantCulture)}");
        foreach (var artifact in final.Artifacts)
            Console.WriteLine($"  {artifact.Stage,-16} {artifact.Path}");
        return final.State == RunState.Completed ? 0 : 1;
    }

    private static void Show(string name, RunEvent e, Dictionary<string, ProgressBar> bars)
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
}
