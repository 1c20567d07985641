using Google.Protobuf;

namespace Samsara.Grpc.Internal.Reflection;

/// <summary>
/// An answer to one reflection request, independent of the protocol version (v1alpha and v1 differ only in their
/// package), so the lookup logic exists once.
/// </summary>
internal abstract record ReflectionAnswer
{
    /// <summary>Serialized FileDescriptorProtos: the file asked for first, then its transitive dependencies.</summary>
    public sealed record Files(IReadOnlyList<ByteString> Descriptors) : ReflectionAnswer;

    public sealed record Services(IReadOnlyList<string> Names) : ReflectionAnswer;

    public sealed record ExtensionNumbers(string BaseTypeName, IReadOnlyList<int> Numbers) : ReflectionAnswer;

    public sealed record Error(StatusCode Code, string Message) : ReflectionAnswer;
}
