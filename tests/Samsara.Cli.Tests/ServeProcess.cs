using System.Diagnostics;

namespace Samsara.Cli.Tests;

/// <summary>`samsara serve` as a real process on a free loopback port, stopped (and only it) when disposed.</summary>
public sealed class ServeProcess : IDisposable
{
    private readonly Process process;

    public ServeProcess(string model, string name)
    {
        process = SamsaraProcess.Start("serve", "--model", model, "--name", name, "--port", "0");
        // The first line names the bound address: "samsara: serving 'NAME' at http://127.0.0.1:PORT/v1".
        var line = process.StandardOutput.ReadLine();
        if (line is null || !line.Contains(" at http://", StringComparison.Ordinal))
        {
            Dispose();
            throw new InvalidOperationException($"samsara serve did not start: {line}\n{process.StandardError.ReadToEnd()}");
        }
        BaseUrl = line[(line.LastIndexOf(" at ", StringComparison.Ordinal) + 4)..].Trim();
        _ = process.StandardOutput.ReadToEndAsync();   // keep draining, or the server blocks on a full pipe
        _ = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The API root, e.g. http://127.0.0.1:PORT/v1.</summary>
    public string BaseUrl { get; }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }
}
