using System.CommandLine;
using System.Globalization;
using Samsara.Api;
using Samsara.Api.V1;
using Samsara.Pipeline;

namespace Samsara.Cli.Commands;

/// <summary>
/// `samsara run SPEC.yaml`: a whole run in this process — generate, filter, train, evaluate — with live progress,
/// the artifacts under --artifacts, and a summary at the end. Rerunning the same --run-id resumes it.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "Run spec (YAML or JSON: the RunSpec message of protos/samsara/v1)" };
        var artifacts = new Option<string>("--artifacts") { Description = "Artifact store root", DefaultValueFactory = _ => "artifacts" };
        var runId = new Option<string?>("--run-id") { Description = "Run id (default: the spec's name); the same id resumes a run" };
        var threads = CommonOptions.Threads();
        var command = new Command("run", "Run a whole alignment pipeline in this process") { spec, artifacts, runId, threads };
        command.SetAction((parse, cancellationToken) =>
        {
            CommandRunner.Setup("cpu", parse.GetValue(threads));
            var path = parse.GetRequiredValue(spec);
            var runSpec = RunSpecFile.Load(path);
            var violations = new RunSpecValidator(d => File.Exists(Path.Combine(d, "config.json")), File.Exists).Validate(runSpec);
            if (violations.Count > 0)
                throw new ArgumentException($"{path}: {string.Join("; ", violations)}");
            var id = parse.GetValue(runId) ?? (runSpec.Name.Length > 0 ? runSpec.Name : Path.GetFileNameWithoutExtension(path));
            return Task.FromResult(Run(runSpec, id, parse.GetRequiredValue(artifacts), cancellationToken));
        });
        return command;
    }

    private static int Run(RunSpec spec, string runId, string artifacts, CancellationToken cancellationToken)
    {
        var bars = new Dictionary<string, ProgressBar>();
        void Show(RunEvent e)
        {
            switch (e.KindCase)
            {
                case RunEvent.KindOneofCase.StateChanged:
                    Console.Error.WriteLine($"run {runId}: {e.StateChanged.ToString().ToLowerInvariant()}{(e.Reason.Length > 0 ? $" ({e.Reason})" : "")}");
                    break;
                case RunEvent.KindOneofCase.Progress when e.Progress.Total > 0:
                    var p = e.Progress;
                    if (!bars.TryGetValue(p.Stage, out var bar)) bars[p.Stage] = bar = new ProgressBar(p.Stage, (long)p.Total, p.Unit);
                    bar.Report((long)p.Done);
                    break;
                case RunEvent.KindOneofCase.Message:
                    Console.Error.WriteLine($"run {runId}: {e.Message}");
                    break;
            }
        }
        var history = new PipelineRunner(artifacts, TimeProvider.System).Run(runId, spec, Show, cancellationToken);
        var run = history.Run;
        Console.WriteLine($"run {run.Id}: {run.State.ToString().ToLowerInvariant()}{(run.Error.Length > 0 ? $": {run.Error}" : "")}");
        foreach (var metric in run.Metrics)
            Console.WriteLine($"  {metric.Name,-44} {metric.Value.ToString("G6", CultureInfo.InvariantCulture)}");
        foreach (var artifact in run.Artifacts)
            Console.WriteLine($"  {artifact.Stage,-16} {artifact.Path}");
        return run.State == RunState.Completed ? 0 : 1;
    }
}
