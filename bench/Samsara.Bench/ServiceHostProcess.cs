using System.Diagnostics;
using System.Net;
using System.Text;
using Samsara.Testing.Network;

namespace Samsara.Bench;

/// <summary>
/// A Samsara service host run as users run it (`dotnet services/FOLDER/PROJECT/bin/…/PROJECT.dll --urls
/// http://127.0.0.1:PORT`: h2c on a free loopback port), in its own process so it does not share the load generator's
/// thread pool. Keeps what it prints for failure messages; killed (only it) on dispose.
/// </summary>
internal sealed class ServiceHostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private ServiceHostProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Everything it printed so far.</summary>
    public string Log()
    {
        lock (log) return log.ToString();
    }

    /// <param name="folder">Its folder under services/ (gateway, judge, …).</param>
    /// <param name="project">Its project and assembly name (Samsara.Gateway, …).</param>
    /// <param name="environment">Its settings, as environment variables.</param>
    public static ServiceHostProcess Start(string folder, string project, IReadOnlyDictionary<string, string> environment)
    {
        var dll = Locate(folder, project);
        var port = LoopbackPorts.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,   // its appsettings.json, as `dotnet run` would find it
        };
        foreach (var a in new[] { dll, "--urls", $"http://127.0.0.1:{port}" }) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
        var host = new ServiceHostProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Until /health/ready answers 200 (the host is up, its bus connected), at most 2 minutes.</summary>
    public async Task WaitReadyAsync()
    {
        using var http = new HttpClient
        {
            Timeout = TimeSpan.FromSeconds(5),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (HasExited) throw new InvalidOperationException($"{Address} exited before it was ready:\n{Log()}");
            try
            {
                using var response = await http.GetAsync(new Uri(Address, "/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(250);
        }
        throw new InvalidOperationException($"{Address} was not ready within 2 minutes:\n{Log()}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();   // the hosts keep nothing the benchmarks need
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private void Append(string? line)
    {
        lock (log) log.AppendLine(line);
    }

    private static string Locate(string folder, string project)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(PeerRun.FindRepoRoot(), "services", folder, project, "bin", configuration, "net10.0", $"{project}.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build bench/Samsara.Bench -c {configuration}");
    }
}
