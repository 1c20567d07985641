using System.Diagnostics;

namespace Samsara.Gateway.Tests.Infrastructure;

/// <summary>Runs the grpcio client with Debian's interpreter, which has python3-grpcio (a python3 first on PATH may not).</summary>
public static class Python
{
    private const string Interpreter = "/usr/bin/python3";

    /// <summary>Runs python/gateway_client.py for one case; a failing case's output goes into the exception.</summary>
    public static async Task<string> RunCaseAsync(int port, string testCase, string workspaceArtifacts)
    {
        var start = new ProcessStartInfo(Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "python", "gateway_client.py"), port.ToString(System.Globalization.CultureInfo.InvariantCulture), testCase, DescriptorSet.Path, workspaceArtifacts })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Interpreter}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{testCase} hung; stderr:\n{await stderr}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{testCase} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        return await stdout;
    }
}
