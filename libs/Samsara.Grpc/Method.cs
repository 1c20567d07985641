using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Samsara.Grpc;

/// <summary>
/// Describes one RPC: its kind, its service and method names (which make the HTTP/2 path
/// <c>/package.Service/Method</c>), and how to parse each side's messages.
/// </summary>
public sealed class Method<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public Method(MethodType type, string serviceName, string name, MessageParser<TRequest> requestParser, MessageParser<TResponse> responseParser)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(requestParser);
        ArgumentNullException.ThrowIfNull(responseParser);
        Type = type;
        ServiceName = serviceName;
        Name = name;
        FullName = $"/{serviceName}/{name}";
        RequestParser = requestParser;
        ResponseParser = responseParser;
    }

    /// <summary>
    /// Builds the method from its protobuf descriptor (the generated <c>XxxReflection.Descriptor</c> keeps services
    /// even with <c>GrpcServices="None"</c>), so kind and names cannot drift from the .proto.
    /// </summary>
    /// <exception cref="ArgumentException">The descriptor's input or output type is not TRequest / TResponse.</exception>
    public Method(MethodDescriptor descriptor)
        : this(
            TypeOf(descriptor),
            descriptor.Service.FullName,
            descriptor.Name,
            ParserOf<TRequest>(descriptor.InputType),
            ParserOf<TResponse>(descriptor.OutputType))
    {
    }

    public MethodType Type { get; }

    /// <summary>The fully qualified service name, e.g. <c>grpc.health.v1.Health</c>.</summary>
    public string ServiceName { get; }

    public string Name { get; }

    /// <summary>The HTTP/2 path, <c>/ServiceName/Name</c>.</summary>
    public string FullName { get; }

    public MessageParser<TRequest> RequestParser { get; }

    public MessageParser<TResponse> ResponseParser { get; }

    public override string ToString() => FullName;

    private static MethodType TypeOf(MethodDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return (descriptor.IsClientStreaming, descriptor.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (true, false) => MethodType.ClientStreaming,
            (false, true) => MethodType.ServerStreaming,
            (true, true) => MethodType.DuplexStreaming,
        };
    }

    // A generated message's descriptor holds the static MessageParser<T> of its class.
    private static MessageParser<T> ParserOf<T>(MessageDescriptor type)
        where T : class, IMessage<T> =>
        type.Parser as MessageParser<T>
        ?? throw new ArgumentException($"The method's message type is {type.FullName} ({type.ClrType}), not {typeof(T)}.", nameof(type));
}
