using Samsara.Api;
using Samsara.Api.Auth;
using Samsara.Api.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Samsara.Bench.Gateway;

/// <summary>
/// The real gateway, run as users run it (`dotnet Samsara.Gateway.dll --urls http://127.0.0.1:PORT`: h2c, no broker,
/// so the in-memory bus and the embedded Dapr sidecar on SQLite), with one API key and a workspace whose model and prompt
/// files make a valid run spec. Its own process (<see cref="ServiceHostProcess"/>), as the grpcio peer is, so neither
/// server shares the load generator's thread pool.
/// </summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private readonly ServiceHostProcess host;
    private readonly string workspace;

    private GatewayProcess(ServiceHostProcess host, string workspace)
    {
        this.host = host;
        this.workspace = workspace;
    }

    public Uri Address => host.Address;

    /// <param name="apiKey">The key the benchmark calls with.</param>
    /// <param name="environment">More settings (e.g. telemetry exporters), over the ones below.</param>
    public static async Task<GatewayProcess> StartAsync(string apiKey, IReadOnlyDictionary<string, string>? environment = null)
    {
        var workspace = Directory.CreateTempSubdirectory("samsara-bench-gateway-").FullName;
        var artifacts = Path.Combine(workspace, "artifacts");
        foreach (var model in new[] { "models/teacher", "models/student" })
        {
            Directory.CreateDirectory(Path.Combine(artifacts, model));
            File.WriteAllText(Path.Combine(artifacts, model, "config.json"), "{}");
        }
        Directory.CreateDirectory(Path.Combine(artifacts, "data"));
        foreach (var set in new[] { "train", "eval" })
            File.WriteAllLines(Path.Combine(artifacts, "data", $"{set}.jsonl"),
                Enumerable.Range(0, 256).Select(i => $$"""{"id":"{{i}}","category":"c","prompt":"p{{i}}"}"""));

        var settings = new Dictionary<string, string>
        {
            ["Gateway__StatePath"] = Path.Combine(workspace, "gateway.db"),
            ["Gateway__ArtifactRoot"] = artifacts,
            ["Gateway__ApiKeys__0__Name"] = "bench",
            ["Gateway__ApiKeys__0__Sha256"] = ApiKeyAuthenticator.Hash(apiKey),
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) settings[key] = value;
        var gateway = new GatewayProcess(ServiceHostProcess.Start("gateway", "Samsara.Gateway", settings), workspace);
        try
        {
            await gateway.WaitUntilServingAsync(apiKey);
            return gateway;
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts <paramref name="count"/> runs, then reads them back as GetRun answers them.</summary>
    public static async Task<ListRunsResponse> SeedAsync(RunService.RunServiceClient client, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var spec = new RunSpec
            {
                Name = $"bench-{i}",
                Teacher = new ModelRef { Path = "models/teacher" },
                Student = new ModelRef { Path = "models/student" },
                TrainPrompts = new PromptSet { Path = "data/train.jsonl" },
                EvalPrompts = new PromptSet { Path = "data/eval.jsonl" },
                Constitutions = new ConstitutionSpec { Principles = "default", PerPrompt = 4 },
                Generation = new GenerationSettings { Temperature = 0.7, MaxNewTokens = 256 },
                Training = { new TrainingSpec { Algorithm = Algorithm.Sami, Steps = 100, LearningRate = 1e-6, BatchQueries = 8, MicroBatch = 4, Beta = 0.1 } },
                Evaluation = new EvaluationSpec { Samples = 4, K = { 1, 4 }, Temperature = 0.7 },
                Seed = (ulong)i,
            };
            ids.Add((await client.StartRunAsync(new StartRunRequest { Spec = spec, IdempotencyKey = $"bench-{i}" })).Id);
        }
        // RunRequested reaches each run's actor through the in-memory bus and makes it Generating, where it stays (no
        // generator runs): wait for that, so both servers answer the same, final message.
        var runs = new ListRunsResponse();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        foreach (var id in ids)
        {
            var run = await client.GetRunAsync(new GetRunRequest { RunId = id });
            for (; run.State == RunState.Pending && DateTime.UtcNow < deadline; run = await client.GetRunAsync(new GetRunRequest { RunId = id })) await Task.Delay(50);
            runs.Runs.Add(run.State == RunState.Generating ? run : throw new InvalidOperationException($"seeded run {id} is {run.State}, not Generating"));
        }
        return runs;
    }

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        Directory.Delete(workspace, recursive: true);
    }

    private async Task WaitUntilServingAsync(string apiKey)
    {
        using var channel = GrpcChannel.ForAddress(Address);
        var client = new RunService.RunServiceClient(channel.WithApiKey(apiKey));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (host.HasExited) throw new InvalidOperationException($"the gateway exited with {host.ExitCode}:\n{host.Log()}");
            try
            {
                await client.GetRunAsync(new GetRunRequest { RunId = Guid.Empty.ToString() });
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return;   // answering: the key was accepted and the run index read
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
                continue;
            }
            throw new InvalidOperationException($"the gateway did not answer as expected within 60 s:\n{host.Log()}");
        }
    }
}
