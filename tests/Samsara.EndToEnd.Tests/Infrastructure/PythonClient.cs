using System.Diagnostics;

namespace Samsara.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A grpcio client script from python/, run with Debian's interpreter (which has python3-grpcio; a python3 first on
/// PATH may not). Started in the background, so a test can watch a stream while it drives the system.
/// </summary>
public sealed class PythonClient : IDisposable
{
    private readonly Process process;
    private readonly Task<string> stdout;
    private readonly Task<string> stderr;

    private PythonClient(Process process)
    {
        this.process = process;
        stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
    }

    public static PythonClient Start(string script, params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "python", script));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return new PythonClient(Process.Start(start) ?? throw new InvalidOperationException("cannot start /usr/bin/python3"));
    }

    /// <summary>Its output once it exits successfully within <paramref name="within"/>; otherwise the test fails with what it printed.</summary>
    public async Task<string> OutputAsync(TimeSpan within, Func<string> context)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"the client did not finish within {within.TotalSeconds} s:\n{await stdout}\n{await stderr}\n{context()}");
        }
        if (process.ExitCode != 0) Assert.Fail($"the client exited with {process.ExitCode}:\n{await stdout}\n{await stderr}\n{context()}");
        return await stdout;
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
