using System.Collections.Concurrent;

namespace Samsara.Grpc.Internal.Server;

/// <summary>
/// The services mapped on this host (one per DI container, added by <c>AddGrpc</c>): the unimplemented handler
/// asks it whether a service exists, and reflection lists and describes what it holds.
/// </summary>
internal sealed class GrpcServiceRegistry
{
    private readonly ConcurrentQueue<ServerServiceDefinition> _definitions = new();
    private int _unimplementedMapped;

    public void Add(ServerServiceDefinition definition) => _definitions.Enqueue(definition);

    public bool IsKnownService(string name) => _definitions.Any(d => d.ServiceNames.Contains(name, StringComparer.Ordinal));

    public IReadOnlyList<string> ServiceNames => _definitions.SelectMany(d => d.ServiceNames).Distinct().ToList();

    public IReadOnlyList<Google.Protobuf.Reflection.ServiceDescriptor> Descriptors => _definitions.SelectMany(d => d.Descriptors).ToList();

    /// <summary>True the first time only: the catch-all UNIMPLEMENTED route is mapped once per host.</summary>
    public bool TryMarkUnimplementedMapped() => Interlocked.Exchange(ref _unimplementedMapped, 1) == 0;
}
