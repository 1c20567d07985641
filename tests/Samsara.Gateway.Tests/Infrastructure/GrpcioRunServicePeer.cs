using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Samsara.Api.V1;

namespace Samsara.Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway benchmark's peer (bench/peers/grpcio_run_service.py, copied beside the tests) on a free loopback port,
/// answering GetRun with <paramref name="runs"/>. Stops when its stdin closes.
/// </summary>
public sealed class GrpcioRunServicePeer : IAsyncDisposable
{
    private readonly Process process;
    private readonly string runsPath;

    private GrpcioRunServicePeer(Process process, string runsPath, Uri address)
    {
        this.process = process;
        this.runsPath = runsPath;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<GrpcioRunServicePeer> StartAsync(ListRunsResponse runs, string apiKey)
    {
        var runsPath = Path.GetTempFileName();
        await File.WriteAllBytesAsync(runsPath, runs.ToByteArray());
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "python", "grpcio_run_service.py"), DescriptorSet.Path, runsPath, apiKey })
            start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start /usr/bin/python3");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            return new GrpcioRunServicePeer(process, runsPath, new Uri($"http://127.0.0.1:{port}"));
        process.Kill();
        throw new InvalidOperationException($"grpcio_run_service.py did not print its port: '{line}'\n{await process.StandardError.ReadToEndAsync(timeout.Token)}");
    }

    public async ValueTask DisposeAsync()
    {
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
        }
        process.Dispose();
        File.Delete(runsPath);
    }
}
