using Grpc.Core;
using Grpc.Net.Client;
using Samsara.Api;
using Samsara.Api.Auth;
using Samsara.Api.V1;

namespace Samsara.Bench.Judge;

/// <summary>
/// The real judge host (<see cref="ServiceHostProcess"/>: h2c, no broker, so the in-memory bus; no judgement cache),
/// with one API key and an empty artifact store of its own.
/// </summary>
internal sealed class JudgeProcess : IAsyncDisposable
{
    private readonly ServiceHostProcess host;
    private readonly string workspace;

    private JudgeProcess(ServiceHostProcess host, string workspace)
    {
        this.host = host;
        this.workspace = workspace;
    }

    public Uri Address => host.Address;

    public static async Task<JudgeProcess> StartAsync(string apiKey)
    {
        var workspace = Directory.CreateTempSubdirectory("samsara-bench-judge-").FullName;
        var judge = new JudgeProcess(ServiceHostProcess.Start("judge", "Samsara.Judge", new Dictionary<string, string>
        {
            ["Artifacts__Root"] = Path.Combine(workspace, "artifacts"),
            ["Grpc__ApiKeys__0__Name"] = "bench",
            ["Grpc__ApiKeys__0__Sha256"] = ApiKeyAuthenticator.Hash(apiKey),
            ["Logging__LogLevel__Default"] = "Warning",   // no log line per call in the measured path
        }), workspace);
        try
        {
            await judge.WaitUntilServingAsync(apiKey);
            return judge;
        }
        catch
        {
            await judge.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        Directory.Delete(workspace, recursive: true);
    }

    /// <summary>Until a one-pair rubric request is answered: the key accepted and the judge built.</summary>
    private async Task WaitUntilServingAsync(string apiKey)
    {
        using var channel = GrpcChannel.ForAddress(Address);
        var client = new JudgeService.JudgeServiceClient(channel.WithApiKey(apiKey));
        var request = new JudgeRequest { Judge = "rubric", Pairs = { JudgeWorkload.Pairs(1) } };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (host.HasExited) throw new InvalidOperationException($"the judge host exited with {host.ExitCode}:\n{host.Log()}");
            try
            {
                using var call = client.Judge(request);
                await foreach (var _ in call.ResponseStream.ReadAllAsync()) { }
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
            catch (RpcException e)
            {
                throw new InvalidOperationException($"the judge host did not answer as expected within 60 s ({e.Status}):\n{host.Log()}");
            }
        }
    }
}
