using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Samsara.Stages.Tests.Hosts;

/// <summary>Each service's real Program starts (in-memory bus, a temporary store) and answers /health/live on loopback.</summary>
public sealed class HostSmokeTests : IDisposable
{
    private readonly string _artifacts = Directory.CreateTempSubdirectory("samsara-host-").FullName;

    public void Dispose() => Directory.Delete(_artifacts, recursive: true);

    [Theory]
    [InlineData("generator", "Samsara.Generator")]
    [InlineData("filter", "Samsara.Filter")]
    [InlineData("trainer", "Samsara.Trainer")]
    [InlineData("judge", "Samsara.Judge")]
    public async Task Should_start_and_answer_liveness(string service, string project)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Dll(service, project));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        start.Environment["Artifacts__Root"] = _artifacts;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        try
        {
            // Each host's endpoints speak only HTTP/2 (for its gRPC API), with prior knowledge as gRPC clients do.
            using var http = new HttpClient
            {
                Timeout = TimeSpan.FromSeconds(2),
                DefaultRequestVersion = System.Net.HttpVersion.Version20,
                DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                Assert.False(process.HasExited, $"{project} exited: {(process.HasExited ? await stderr : "")}");
                try
                {
                    using var response = await http.GetAsync(new Uri($"{url}/health/live"));
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    return;
                }
                catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(200);
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Should_refuse_to_start_without_an_artifact_root()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Dll("filter", "Samsara.Filter"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{FreePort()}");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the filter started without Artifacts:Root");
        }
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("Artifacts:Root", await output + await error, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // tests/Samsara.Stages.Tests/bin/<Configuration>/<tfm>/ → services/<service>/<project>/bin/<Configuration>/<tfm>/<project>.dll
    private static string Dll(string service, string project)
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = bin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "services", service, project, "bin", bin.Parent.Name, bin.Name, $"{project}.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"build the service first: {dll} is missing");
    }
}
