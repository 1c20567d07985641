using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Samsara.Api;
using Samsara.Api.Auth;
using Samsara.Api.V1;

namespace Samsara.Bench.Judge;

/// <summary>
/// The real judge host, run as users run it (`dotnet Samsara.Judge.dll --urls http://127.0.0.1:PORT`: h2c, no broker,
/// so the in-memory bus; no judgement cache), with one API key. Its own process, so it does not share the load
/// generator's (and the in-process peer's) thread pool.
/// </summary>
internal sealed class JudgeProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly string workspace;

    private JudgeProcess(Process process, string workspace, Uri address)
    {
        this.process = process;
        this.workspace = workspace;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<JudgeProcess> StartAsync(string apiKey)
    {
        var workspace = Directory.CreateTempSubdirectory("samsara-bench-judge-").FullName;
        var dll = JudgeDll();
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,   // its appsettings.json, as `dotnet run` would find it
        };
        foreach (var a in new[] { dll, "--urls", $"http://127.0.0.1:{port}" }) start.ArgumentList.Add(a);
        start.Environment["Artifacts__Root"] = Path.Combine(workspace, "artifacts");
        start.Environment["Grpc__ApiKeys__0__Name"] = "bench";
        start.Environment["Grpc__ApiKeys__0__Sha256"] = ApiKeyAuthenticator.Hash(apiKey);
        start.Environment["Logging__LogLevel__Default"] = "Warning";   // no log line per call in the measured path
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var judge = new JudgeProcess(process, workspace, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await judge.WaitUntilServingAsync(apiKey, () => { lock (log) return log.ToString(); });
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
        if (!process.HasExited)
        {
            process.Kill();   // the judge keeps nothing the benchmark needs
            await process.WaitForExitAsync();
        }
        process.Dispose();
        Directory.Delete(workspace, recursive: true);
    }

    /// <summary>Until a one-pair rubric request is answered: the key accepted and the judge built.</summary>
    private async Task WaitUntilServingAsync(string apiKey, Func<string> log)
    {
        using var channel = GrpcChannel.ForAddress(Address);
        var client = new JudgeService.JudgeServiceClient(channel.WithApiKey(apiKey));
        var request = new JudgeRequest { Judge = "rubric", Pairs = { JudgeWorkload.Pairs(1) } };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"the judge host exited with {process.ExitCode}:\n{log()}");
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
                throw new InvalidOperationException($"the judge host did not answer as expected within 60 s ({e.Status}):\n{log()}");
            }
        }
    }

    private static string JudgeDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(PeerRun.FindRepoRoot(), "services", "judge", "Samsara.Judge", "bin", configuration, "net10.0", "Samsara.Judge.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build bench/Samsara.Bench -c {configuration}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
