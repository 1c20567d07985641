using System.CommandLine;
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
        var run = await host.Client.StartRunAsync(spec, idempotencyKey: name, cancellationToken);
        Console.Error.WriteLine($"run {name}: id {run.Id}");
        if (run.State is not RunState.Pending && !RunTransitions.IsFinal(run.State))
        {
            Console.Error.WriteLine($"run {name}: resuming from {run.State.ToString().ToLowerInvariant()}");
            await host.ResumeAsync(run, cancellationToken);
        }
        return await WatchCommand.FollowAsync(host.Client, run.Id, new RunProgressView(name), cancellationToken);
    }
}
