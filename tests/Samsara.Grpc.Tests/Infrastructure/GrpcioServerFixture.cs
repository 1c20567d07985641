using System.Diagnostics;
using System.Globalization;

namespace Samsara.Grpc.Tests.Infrastructure;

/// <summary>The grpcio interop server (python/interop_server.py) on a free loopback port, for Samsara's client.</summary>
public sealed class GrpcioServerFixture : IAsyncLifetime
{
    private Process? _process;

    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _process = Python.Start("interop_server.py", DescriptorSet.Path);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        if (!int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            throw new InvalidOperationException($"interop_server.py did not print its port: '{line}'\n{await _process.StandardError.ReadToEndAsync(timeout.Token)}");
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public async Task DisposeAsync()
    {
        if (_process is null) return;
        // Closing stdin is the server's signal to stop.
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
