using System.Diagnostics;
using System.Net;
using Samsara.Testing.Network;

namespace Samsara.Stages.Tests.Hosts;

/// <summary>
/// Each service's real Program starts (in-memory bus, a temporary store) and answers /health/live on loopback, reading
/// only its own configuration: other stages' sections, even invalid, do not stop it; its own invalid section does.
/// </summary>
public sealed class HostSmokeTests : IDisposable
{
    // A setting of each stage's own section that its validation refuses (environment variable form).
    private static readonly Dictionary<string, string> InvalidOwnSetting = new()
    {
        ["generator"] = "Generator__MaxConcurrentJobs",
        ["trainer"] = "Trainer__MaxConcurrentJobs",
        ["judge"] = "Judging__ConcurrentTasks",
    };

    private readonly string _artifacts = Directory.CreateTempSubdirectory("samsara-host-").FullName;

    public void Dispose() => Directory.Delete(_artifacts, recursive: true);

    [Theory]
    [InlineData("generator", "Samsara.Generator")]
    [InlineData("filter", "Samsara.Filter")]
    [InlineData("trainer", "Samsara.Trainer")]
    [InlineData("judge", "Samsara.Judge")]
    public async Task Should_start_and_answer_liveness(string service, string project)
    {
        var start = Start(service, project);
        var url = start.ArgumentList[^1];
        start.Environment["Artifacts__Root"] = _artifacts;
        // The other stages' sections, each invalid, and the job lease too where no jobs run: a service that bound them
        // would refuse to start.
        foreach (var (_, setting) in InvalidOwnSetting.Where(s => s.Key != service))
            start.Environment[setting] = "0";
        if (service is "filter" or "judge") start.Environment["Jobs__Lease"] = "00:00:01";
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
                catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(60))
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
        var (exitCode, output) = await RunUntilExit(Start("filter", "Samsara.Filter"), "the filter started without Artifacts:Root");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Artifacts:Root", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("generator", "Samsara.Generator")]
    [InlineData("trainer", "Samsara.Trainer")]
    [InlineData("judge", "Samsara.Judge")]
    public async Task Should_refuse_to_start_with_its_own_section_invalid(string service, string project)
    {
        var start = Start(service, project);
        start.Environment["Artifacts__Root"] = _artifacts;
        var setting = InvalidOwnSetting[service];
        start.Environment[setting] = "0";

        var (exitCode, output) = await RunUntilExit(start, $"the {service} started with {setting}=0");

        Assert.NotEqual(0, exitCode);
        Assert.Contains(setting.Replace("__", ":", StringComparison.Ordinal), output, StringComparison.Ordinal);
    }

    private static ProcessStartInfo Start(string service, string project)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Dll(service, project));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{LoopbackPorts.Next()}");
        return start;
    }

    // Runs a host that must stop by itself (its configuration refused); fails with `started` if it keeps running.
    private static async Task<(int ExitCode, string Output)> RunUntilExit(ProcessStartInfo start, string started)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail(started);
        }
        return (process.ExitCode, await output + await error);
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
