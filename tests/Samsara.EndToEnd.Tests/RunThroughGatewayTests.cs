using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Samsara.Api.V1;
using Samsara.EndToEnd.Tests.Infrastructure;
using Samsara.Testing.Telemetry;

namespace Samsara.EndToEnd.Tests;

/// <summary>
/// The whole system as deployed: gateway, generator, filter, trainer and judge as five real processes over a real
/// RabbitMQ (a virtual host of the test's own), one artifact store shared by all. A grpcio client starts a run on
/// tiny models and watches it; the run must pass through every stage to Completed and leave its models and report.
/// </summary>
[Collection(DistributedCluster.Name)]
public sealed class RunThroughGatewayTests(ClusterFixture fixture) : IDisposable
{
    private const string ApiKey = Cluster.ApiKey;
    private static readonly TimeSpan Overall = TimeSpan.FromMinutes(4);
    private readonly Cluster cluster = fixture.Cluster;
    private readonly string root = Directory.CreateTempSubdirectory("samsara-e2e-client-").FullName;

    private string Artifacts => cluster.Artifacts;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task A_run_started_through_the_gateway_goes_through_every_stage_over_RabbitMQ()
    {
        var clock = Stopwatch.StartNew();
        using var overall = new CancellationTokenSource(Overall);
        WriteInputs();

        // The trainer's own API, beside the pipeline: a grpcio client watches its steps while the run trains.
        using var watcher = PythonClient.Start("stage_client.py", Port(Cluster.Trainer), "TrainerService", "watch_training", Descriptors, ApiKey, "");
        var lines = await RunClientAsync(cluster.GatewayPort, overall.Token);
        var started = lines.Single(l => l.TryGetProperty("started", out _)).GetProperty("started");
        var runId = started.GetProperty("id").GetString()!;
        var events = lines.Where(l => l.TryGetProperty("event", out _)).Select(l => l.GetProperty("event")).ToList();
        var states = events.Where(e => e.TryGetProperty("stateChanged", out _)).Select(e => e.GetProperty("stateChanged").GetString()!).ToList();
        var context = $"run {runId}, states [{string.Join(", ", states)}], {events.Count} events (run watched after {clock.Elapsed.TotalSeconds:F0} s)\n{string.Join('\n', events.Where(e => e.TryGetProperty("reason", out _) || e.TryGetProperty("message", out _)))}\n{Tails()}";

        Assert.True(states.Count > 0 && states[^1] == "COMPLETED", $"the run did not complete: {context}");
        var expected = new[] { "GENERATING", "FILTERING", "TRAINING", "EVALUATING", "COMPLETED" };
        var positions = expected.Select(s => states.IndexOf(s)).ToArray();
        Assert.True(positions.All(p => p >= 0) && positions.SequenceEqual(positions.Order()), $"states out of order or missing: {context}");
        Assert.DoesNotContain("FAILED", states);

        var steps = events.Where(e => e.TryGetProperty("trainingStep", out _)).Select(e => e.GetProperty("trainingStep")).ToList();
        Assert.True(steps.Any(s => s.GetProperty("algorithm").GetString() == "SFT"), $"no SFT training-step events: {context}");
        Assert.True(steps.Any(s => s.GetProperty("algorithm").GetString() == "SFT_SAMI"), $"no SFT_SAMI training-step events: {context}");
        Assert.True(steps.All(s => s.TryGetProperty("loss", out var loss) && double.IsFinite(loss.GetDouble())), $"a step without a finite loss: {context}");
        var training = states.IndexOf("TRAINING");
        var evaluating = states.IndexOf("EVALUATING");
        var stepPositions = events.Select((e, i) => (e, i)).Where(p => p.e.TryGetProperty("trainingStep", out _)).Select(p => p.i).ToList();
        var stateAt = events.Select((e, i) => (e, i)).Where(p => p.e.TryGetProperty("stateChanged", out _)).Select(p => p.i).ToList();
        Assert.True(stepPositions.All(i => i > stateAt[training] && i < stateAt[evaluating]), $"training steps outside TRAINING: {context}");

        var watched = (await watcher.OutputAsync(TimeSpan.FromMinutes(1), Tails)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.Clone()).Where(l => l.TryGetProperty("step", out _)).Select(l => l.GetProperty("step")).ToList();
        Assert.True(watched.Any(s => s.GetProperty("algorithm").GetString() == "SFT") && watched.Any(s => s.GetProperty("algorithm").GetString() == "SFT_SAMI"),
            $"WatchTraining streamed [{string.Join(", ", watched)}]: {context}");
        using var listing = PythonClient.Start("stage_client.py", Port(Cluster.Trainer), "TrainerService", "list_models", Descriptors, ApiKey, runId);
        Assert.Contains("{\"models\": [\"SFT\", \"SFT_SAMI\"]}", await listing.OutputAsync(TimeSpan.FromMinutes(1), Tails));

        // `samsara watch` against the same gateway replays the finished run and reports it completed.
        var watch = Cli("watch", runId, "--gateway", $"http://127.0.0.1:{cluster.GatewayPort}", "--api-key", ApiKey);
        Assert.True(watch.ExitCode == 0 && watch.Stdout.Contains($"run {runId}: completed", StringComparison.Ordinal), $"samsara watch: {watch.Stdout}\n{watch.Stderr}");
        var forged = Cli("watch", runId, "--gateway", $"http://127.0.0.1:{cluster.GatewayPort}", "--api-key", "forged");
        Assert.Equal(1, forged.ExitCode);
        Assert.Contains("gateway answered Unauthenticated", forged.Stderr);

        var runDir = Path.Combine(Artifacts, "runs", runId);
        foreach (var path in new[] { "spec.json", "generate/shard-0000.jsonl", "generate/shard-0001.jsonl", "filter/kept.jsonl",
                                     "models/sft/model.safetensors", "models/sftsami/model.safetensors", "eval/report.json" })
            Assert.True(File.Exists(Path.Combine(runDir, path)), $"{path} missing under {runDir}: {Listing(runDir)}\n{context}");
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(runDir, "eval/report.json")));
        var models = report.RootElement.GetProperty("models");
        foreach (var model in new[] { "base", "sft", "sftsami" })
            Assert.True(models.TryGetProperty(model, out _), $"eval/report.json has no {model}: {report.RootElement}");
        // The report's figures are in the run summary too.
        var summary = await cluster.Client().GetRunAsync(new GetRunRequest { RunId = runId });
        Assert.Equal(models.GetProperty("sftsami").GetProperty("strict").GetProperty("1").GetDouble(),
            summary.Metrics.Single(m => m.Name == "eval:sftsami/strict/pass@1").Value);

        await AssertOneConnectedTraceAsync(runId);
    }

    /// <summary>
    /// What the services exported over OTLP: the run is one trace, from the gateway's StartRun through the broker into
    /// every stage's work in every service, each span's parents leading back to a single root.
    /// </summary>
    private async Task AssertOneConnectedTraceAsync(string runId)
    {
        string[] work = ["start run", "generate shard", "filter", "train", "evaluate accuracy", "evaluate report"];
        string[] services = ["Samsara.Gateway", "Samsara.Generator", "Samsara.Filter", "Samsara.Trainer", "Samsara.Judge"];
        var spans = await cluster.Telemetry.WaitForAsync(
            spans => TraceOf(spans, runId) is { } t && work.All(w => t.Any(s => s.Name == w)) && services.All(v => t.Any(s => s.Service == v))
                     && Unconnected(t).Count == 0,
            TimeSpan.FromMinutes(1),
            spans => TraceOf(spans, runId) is { } t
                ? $"trace of run {runId}: {string.Join(", ", t.Select(s => $"{s.Service}/{s.Name}"))}; unconnected: {string.Join(", ", Unconnected(t).Select(s => s.Name))}"
                : $"no 'start run' span of run {runId} among {spans.Count} spans");

        var trace = TraceOf(spans, runId)!;
        Assert.Single(trace, s => s.ParentSpanId.Length == 0);
        foreach (var name in work.Skip(1))
            Assert.Contains(trace, s => s.Name == name && s.Attributes.GetValueOrDefault("samsara.run.id") == runId);
    }

    private static List<OtlpSpan>? TraceOf(IReadOnlyList<OtlpSpan> spans, string runId) =>
        spans.FirstOrDefault(s => s.Name == "start run" && s.Attributes.GetValueOrDefault("samsara.run.id") == runId) is { } start
            ? spans.Where(s => s.TraceId == start.TraceId).ToList()
            : null;

    /// <summary>Spans whose parents do not lead, within the trace, to its one root (the parentless span).</summary>
    private static List<OtlpSpan> Unconnected(List<OtlpSpan> trace)
    {
        var byId = trace.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        if (trace.Count(s => s.ParentSpanId.Length == 0) != 1) return trace.Where(s => s.ParentSpanId.Length == 0).ToList();
        return trace.Where(span =>
        {
            var current = span;
            for (var depth = 0; current.ParentSpanId.Length > 0; depth++)
                if (depth > trace.Count || !byId.TryGetValue(current.ParentSpanId, out current)) return true;
            return false;
        }).ToList();
    }

    /// <summary>The cluster's tiny model (teacher and student), three train prompts in two shards, two GSM8K eval questions.</summary>
    private void WriteInputs()
    {
        File.WriteAllLines(Path.Combine(Artifacts, "data", "train.jsonl"),
        [
            """{"id": "w1", "category": "writing", "prompt": "Write a haiku about rain."}""",
            """{"id": "m1", "category": "math", "prompt": "What is 12 times 7?"}""",
            """{"id": "c1", "category": "coding", "prompt": "Reverse a string in Python."}""",
        ]);
        var spec = new RunSpec
        {
            Name = "e2e",
            Seed = 3,
            Teacher = new ModelRef { Path = "models/tiny" },
            Student = new ModelRef { Path = "models/tiny" },
            TrainPrompts = new PromptSet { Path = "data/train.jsonl" },
            EvalPrompts = new PromptSet { Path = "data/eval.jsonl" },
            Constitutions = new ConstitutionSpec { Principles = "default", PerPrompt = 4 },
            Generation = new GenerationSettings { Temperature = 1.0, MaxNewTokens = 24, ShardSize = 2 },
            // A random model writes noise: keep what is non-empty so the later stages have data.
            Filter = new FilterSettings { DisabledRules = { "termination", "banned", "length_ratio", "short_length", "prefix_distance" } },
            Training =
            {
                new TrainingSpec { Algorithm = Algorithm.Sft, LearningRate = 1e-4, Steps = 2, BatchQueries = 2, MicroBatch = 1 },
                new TrainingSpec { Algorithm = Algorithm.SftSami, Steps = 1, BatchQueries = 1, MicroBatch = 1 },
            },
            Evaluation = new EvaluationSpec { Samples = 2, K = { 1, 2 }, Temperature = 1.0 },
        };
        File.WriteAllBytes(Path.Combine(root, "spec.pb"), spec.ToByteArray());
        File.WriteAllBytes(Path.Combine(root, "descriptors.pb"), ApiDescriptors.Set());
    }

    /// <summary>Runs python/run_client.py with Debian's interpreter (which has python3-grpcio); its JSON lines.</summary>
    private async Task<List<JsonElement>> RunClientAsync(int port, CancellationToken ct)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "python", "run_client.py"), port.ToString(CultureInfo.InvariantCulture),
                                    ApiKey, Path.Combine(root, "descriptors.pb"), Path.Combine(root, "spec.pb") })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start /usr/bin/python3");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"the run did not reach a final state within {Overall.TotalMinutes} min; client printed:\n{await stdout}\n{await stderr}\n{Tails()}");
        }
        var output = await stdout;
        if (process.ExitCode != 0)
            Assert.Fail($"the client exited with {process.ExitCode}:\n{output}\n{await stderr}\n{Tails()}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    private string Tails() => cluster.Tails();

    private string Descriptors => Path.Combine(root, "descriptors.pb");

    private string Port(string service) => cluster.PortOf(service).ToString(CultureInfo.InvariantCulture);

    private static string Listing(string dir) =>
        Directory.Exists(dir)
            ? string.Join(", ", Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f)))
            : "(no such directory)";

    private static (int ExitCode, string Stdout, string Stderr) Cli(params string[] args)
    {
        // tests/Samsara.EndToEnd.Tests/bin/<Configuration>/net10.0/ → cli/Samsara.Cli/bin/<Configuration>/net10.0/samsara.dll
        var bin = new DirectoryInfo(AppContext.BaseDirectory);
        var repo = bin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(repo, "cli", "Samsara.Cli", "bin", bin.Parent.Name, bin.Name, "samsara.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1))) process.Kill(entireProcessTree: true);
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
