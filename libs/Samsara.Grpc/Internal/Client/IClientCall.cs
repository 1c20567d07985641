namespace Samsara.Grpc.Internal.Client;

/// <summary>What the public call objects expose of a running call, whatever its message types.</summary>
internal interface IClientCall : IDisposable
{
    Task<Metadata> ResponseHeadersAsync { get; }

    Status GetStatus();

    Metadata GetTrailers();
}
