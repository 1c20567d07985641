using System.Diagnostics;

namespace Samsara.Testing;

/// <summary>
/// Runs a Python script with the system interpreter (Debian's, which has PyTorch), so tests can check Samsara
/// against the reference implementation instead of against numbers written down by hand.
/// </summary>
public static class PythonRunner
{
    private const string Interpreter = "/usr/bin/python3";

    // Importing torch takes a few seconds on a small machine; two minutes mean the script is stuck, unless the
    // caller knows it computes for longer (several fp64 training steps) and says so.
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Runs <paramref name="script"/>, feeds it <paramref name="stdin"/>, and returns its stdout; <paramref name="timeout"/> defaults to two minutes.</summary>
    /// <exception cref="InvalidOperationException">The script exits non-zero (the message carries its stderr) or hangs.</exception>
    public static string Run(string script, string? stdin = null, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Interpreter}");
        // Both pipes are drained concurrently: a script filling one while we block on the other would deadlock.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();

        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Interpreter} did not finish within {limit.TotalSeconds} s; stderr:\n{stderr.Result}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Interpreter} exited with {process.ExitCode}; stderr:\n{stderr.Result}");
        return stdout.Result;
    }
}
