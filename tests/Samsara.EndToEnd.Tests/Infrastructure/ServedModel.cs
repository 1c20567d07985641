using System.Diagnostics;

namespace Samsara.EndToEnd.Tests.Infrastructure;

/// <summary>
/// `samsara serve` (the CLI's OpenAI-compatible server) as a real process on a free loopback port: the endpoint an
/// <c>openai:URL#MODEL</c> judge calls. Killed (only it) on dispose.
/// </summary>
public sealed class ServedModel : IDisposable
{
    private readonly Process process;

    private ServedModel(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    /// <summary>The API root, e.g. http://127.0.0.1:PORT/v1.</summary>
    public string BaseUrl { get; }

    public static ServedModel Start(string modelDirectory, string name)
    {
        // tests/Samsara.EndToEnd.Tests/bin/<Configuration>/net10.0/ → cli/Samsara.Cli/bin/<Configuration>/net10.0/samsara.dll
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(Samsara.Testing.RepoPaths.Root, "cli", "Samsara.Cli", "bin", bin.Parent!.Name, bin.Name, "samsara.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "serve", "--model", modelDirectory, "--name", name, "--port", "0" }) start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start samsara serve");
        // Its first line names the bound address: "samsara: serving 'NAME' at http://127.0.0.1:PORT/v1".
        var line = process.StandardOutput.ReadLine();
        if (line is null || !line.Contains(" at http://", StringComparison.Ordinal))
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            var error = process.StandardError.ReadToEnd();
            process.Dispose();
            throw new InvalidOperationException($"samsara serve did not start: {line}\n{error}");
        }
        _ = process.StandardOutput.ReadToEndAsync();   // keep draining, or the server blocks on a full pipe
        _ = process.StandardError.ReadToEndAsync();
        return new ServedModel(process, line[(line.LastIndexOf(" at ", StringComparison.Ordinal) + 4)..].Trim());
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }
}
