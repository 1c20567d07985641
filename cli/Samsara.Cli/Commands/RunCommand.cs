using System.CommandLine;
using Samsara.Api;
using Samsara.Api.Runs;
using Samsara.Api.V1;
using Samsara.Artifacts;
using Samsara.Judging.Reports;
using Samsara.Stages.Plan;

namespace Samsara.Cli.Commands;

/// <summary>
/// `samsara run SPEC.yaml`: a whole run on the embedded default — the gateway and the stage services in this
/// process (<see cref="AllInOneHost"/>) — started and watched through the gateway's API like any client would,
/// with live progress and a summary at the end. The same --run-id again resumes a run a killed process left.
/// Without a spec it runs <see cref="DefaultSpec"/>: the task world and the committed tiny models.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var spec = new Argument<string?>("spec")
        {
            Description = $"Run spec (YAML or JSON: the RunSpec message of protos/samsara/v1); default: {DefaultSpec}",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var artifacts = new Option<string>("--artifacts") { Description = "Artifact store root (also holds the run state)", DefaultValueFactory = _ => "artifacts" };
        var runId = new Option<string?>("--run-id") { Description = "Name of the run (default: the spec's name); the same name resumes it" };
        var threads = CommonOptions.Threads();
        var command = new Command("run", "Run a whole alignment pipeline on the embedded default") { spec, artifacts, runId, threads };
        command.SetAction(async (parse, cancellationToken) =>
        {
            CommandRunner.Setup("cpu", parse.GetValue(threads));
            var path = parse.GetValue(spec) ?? FindDefaultSpec();
            var runSpec = RunSpecFile.Load(path);
            // Checked here too, so a bad spec is one message before anything starts (the gateway checks it again).
            var violations = new RunSpecValidator(d => File.Exists(Path.Combine(d, "config.json")), File.Exists).Validate(runSpec);
            if (violations.Count > 0) throw new ArgumentException($"{path}: {string.Join("; ", violations)}");
            var name = parse.GetValue(runId) ?? (runSpec.Name.Length > 0 ? runSpec.Name : Path.GetFileNameWithoutExtension(path));
            return await RunAsync(runSpec, name, parse.GetRequiredValue(artifacts), cancellationToken);
        });
        return command;
    }

    /// <summary>The default run's spec, relative to the repository root.</summary>
    public const string DefaultSpec = "examples/quickstart.yaml";

    // The current directory's examples/, else the repository's the binary was built in (samsara run from anywhere in a clone).
    private static string FindDefaultSpec()
    {
        if (File.Exists(DefaultSpec)) return DefaultSpec;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, DefaultSpec))) return Path.Combine(dir.FullName, DefaultSpec);
        throw new ArgumentException($"no spec given and {DefaultSpec} is not in the current directory or above the samsara binary; pass a spec file");
    }

    private static async Task<int> RunAsync(RunSpec spec, string name, string artifacts, CancellationToken cancellationToken)
    {
        await using var host = await AllInOneHost.StartAsync(artifacts, cancellationToken);
        var run = await host.Client.StartRunAsync(new StartRunRequest { Spec = spec, IdempotencyKey = name }, cancellationToken: cancellationToken);
        Console.Error.WriteLine($"run {name}: id {run.Id}");
        if (run.State is not RunState.Pending && !RunTransitions.IsFinal(run.State))
        {
            Console.Error.WriteLine($"run {name}: resuming from {run.State.ToString().ToLowerInvariant()}");
            await host.ResumeAsync(run, cancellationToken);
        }
        var code = await WatchCommand.FollowAsync(host.Client, run.Id, new RunProgressView(name), cancellationToken);
        // The report's headline tables, as the run's evaluation wrote them into the artifact store.
        var workspace = new RunWorkspace(artifacts, run.Id);
        var summary = Path.Combine(workspace.Eval, RunReportWriter.SummaryFile);
        // The report's path under the store as the user named it (relative stays relative).
        if (code == 0 && File.Exists(summary))
            Console.WriteLine($"\n{File.ReadAllText(summary)}\nreport: {Path.Combine(artifacts, workspace.InStore(workspace.Eval), ReportWriter.MarkdownFile)}");
        return code;
    }
}
