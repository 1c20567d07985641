namespace Samsara.Grpc.Tests.Infrastructure;

/// <summary>A call context for calling a service method directly, without a server.</summary>
public sealed class FakeServerCallContext(CancellationToken cancellationToken = default) : ServerCallContext
{
    public override string Method => "/fake/Method";

    public override string Host => "localhost";

    public override string Peer => "ipv4:127.0.0.1:1";

    public override DateTime Deadline => DateTime.MaxValue;

    public override Metadata RequestHeaders { get; } = new();

    public override CancellationToken CancellationToken => cancellationToken;

    public override Metadata ResponseTrailers { get; } = new();

    public override Status Status { get; set; }

    public Metadata? ResponseHeaders { get; private set; }

    public override Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        ResponseHeaders = responseHeaders;
        return Task.CompletedTask;
    }
}
