namespace Samsara.Grpc.Tests.Infrastructure;

/// <summary>One <see cref="GrpcTestServer"/> shared by the tests of a class.</summary>
public sealed class SamsaraServerFixture : IAsyncLifetime
{
    private GrpcTestServer? _server;

    public GrpcTestServer Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _server = await GrpcTestServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
