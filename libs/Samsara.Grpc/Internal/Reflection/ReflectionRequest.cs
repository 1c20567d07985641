namespace Samsara.Grpc.Internal.Reflection;

/// <summary>One reflection request, independent of the protocol version; the counterpart of <see cref="ReflectionAnswer"/>.</summary>
internal abstract record ReflectionRequest
{
    public sealed record FileByName(string Name) : ReflectionRequest;

    public sealed record FileContainingSymbol(string Symbol) : ReflectionRequest;

    public sealed record FileContainingExtension(string ContainingType, int Number) : ReflectionRequest;

    public sealed record ExtensionNumbersOf(string Type) : ReflectionRequest;

    public sealed record ListServices : ReflectionRequest;

    /// <summary>A request with no (or a newer) message_request set.</summary>
    public sealed record Unknown : ReflectionRequest;
}
