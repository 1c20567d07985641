using System.Diagnostics;
using System.Globalization;
using Samsara.Testing.Network;

namespace Samsara.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One service host run as a real process (`dotnet Samsara.X.dll --urls http://127.0.0.1:PORT`), its build output
/// found beside this project's. Keeps every line it prints (the fault scenarios count what each process did) and the
/// tail for failure messages; killed with its tree on dispose.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private const int TailLines = 80;
    private readonly Process process;
    private readonly Queue<string> tail = new();
    private readonly List<string> lines = [];

    private ServiceProcess(string name, Process process, int port)
    {
        Name = name;
        this.process = process;
        Port = port;
    }

    public string Name { get; }

    public int Port { get; }

    public bool HasExited => process.HasExited;

    /// <summary>Everything it printed so far, in order.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (tail) return [.. lines];
        }
    }

    /// <summary>SIGKILL, as the kernel's OOM killer or a node failure would end it: no shutdown, no acks, no flush.</summary>
    public void Kill()
    {
        process.Kill();
        process.WaitForExit(10_000);
    }

    /// <summary>Starts services/{folder}/{project}/bin/…/{project}.dll with the given configuration (as environment variables).</summary>
    public static ServiceProcess Start(string folder, string project, string workingDirectory, IReadOnlyDictionary<string, string> configuration)
    {
        var port = LoopbackPorts.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Locate(folder, project));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (key, value) in configuration) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var process = new Process { StartInfo = start };
        var service = new ServiceProcess(project, process, port);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        if (!process.Start()) throw new InvalidOperationException($"cannot start {project}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Waits for it to end on its own and returns its exit code (and every line it printed, read to the end).</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellation)
    {
        await process.WaitForExitAsync(cancellation);
        return process.ExitCode;
    }

    /// <summary>The last lines it printed (stdout and stderr, interleaved as they came).</summary>
    public string Tail()
    {
        lock (tail) return $"--- {Name} (port {Port}{(process.HasExited ? $", exited with {process.ExitCode}" : "")}) ---\n{string.Join('\n', tail)}";
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (tail)
        {
            tail.Enqueue(line);
            lines.Add(line);
            while (tail.Count > TailLines) tail.Dequeue();
        }
    }

    // tests/Samsara.EndToEnd.Tests/bin/<Configuration>/net10.0/ → services/<folder>/<project>/bin/<Configuration>/net10.0/<project>.dll
    private static string Locate(string folder, string project)
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "services", folder, project, "bin", configuration, framework, $"{project}.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"build the service first: {dll} is missing");
    }
}
