using System.Diagnostics;

namespace Samsara.Grpc.Tests.Infrastructure;

/// <summary>
/// Runs the grpcio peers in python/ with Debian's interpreter: /usr/bin/python3 has python3-grpcio, which a
/// python3 found first on PATH (pyenv, venvs) may not.
/// </summary>
public static class Python
{
    private const string Interpreter = "/usr/bin/python3";

    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "python", name);

    /// <summary>Runs a script to its end; the output of a failing run goes into the exception, for the test log.</summary>
    public static async Task<string> RunAsync(string script, params string[] args)
    {
        using var process = Start(script, args);
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
            throw new InvalidOperationException($"{script} {string.Join(' ', args)} hung; stderr:\n{await stderr}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} {string.Join(' ', args)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        return await stdout;
    }

    public static Process Start(string script, params string[] args)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Script(script));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Interpreter}");
    }
}
