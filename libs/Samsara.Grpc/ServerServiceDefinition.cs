using Google.Protobuf;
using Google.Protobuf.Reflection;
using Samsara.Grpc.Internal.Server;

namespace Samsara.Grpc;

/// <summary>
/// The methods a service implements, each bound to its handler, plus the protobuf descriptors of the services they
/// belong to (for reflection). Built once with <see cref="CreateBuilder"/> and mapped with
/// <c>MapGrpcService(definition)</c>.
/// </summary>
public sealed class ServerServiceDefinition
{
    private ServerServiceDefinition(IReadOnlyList<ServerMethodBinding> methods, IReadOnlyList<ServiceDescriptor> descriptors)
    {
        Methods = methods;
        Descriptors = descriptors;
    }

    /// <summary>The descriptors added with <see cref="Builder.AddDescriptor"/>, served by reflection.</summary>
    public IReadOnlyList<ServiceDescriptor> Descriptors { get; }

    /// <summary>The fully qualified names of the services the methods belong to.</summary>
    public IReadOnlyList<string> ServiceNames => Methods.Select(m => m.ServiceName).Distinct().ToList();

    internal IReadOnlyList<ServerMethodBinding> Methods { get; }

    public static Builder CreateBuilder() => new();

    /// <summary>Collects method handlers; one handler per method path.</summary>
    public sealed class Builder
    {
        private readonly List<ServerMethodBinding> _methods = [];
        private readonly List<ServiceDescriptor> _descriptors = [];

        internal Builder()
        {
        }

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse> =>
            Add(method, MethodType.Unary, handler, (o, l) => new UnaryServerCallHandler<TRequest, TResponse>(method, handler, o, l));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse> =>
            Add(method, MethodType.ClientStreaming, handler, (o, l) => new ClientStreamingServerCallHandler<TRequest, TResponse>(method, handler, o, l));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse> =>
            Add(method, MethodType.ServerStreaming, handler, (o, l) => new ServerStreamingServerCallHandler<TRequest, TResponse>(method, handler, o, l));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse> =>
            Add(method, MethodType.DuplexStreaming, handler, (o, l) => new DuplexStreamingServerCallHandler<TRequest, TResponse>(method, handler, o, l));

        /// <summary>Adds a service's descriptor so reflection can describe it (and the files it depends on).</summary>
        public Builder AddDescriptor(ServiceDescriptor descriptor)
        {
            ArgumentNullException.ThrowIfNull(descriptor);
            _descriptors.Add(descriptor);
            return this;
        }

        public ServerServiceDefinition Build() => new([.. _methods], [.. _descriptors]);

        private Builder Add<TRequest, TResponse>(Method<TRequest, TResponse> method, MethodType expected, Delegate handler, Func<GrpcServiceOptions, Microsoft.Extensions.Logging.ILogger, ServerCallHandler> create)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse>
        {
            ArgumentNullException.ThrowIfNull(method);
            ArgumentNullException.ThrowIfNull(handler);
            // A unary handler bound to a streaming method would read or write the wrong number of messages.
            if (method.Type != expected)
                throw new ArgumentException($"{method.FullName} is {method.Type}; this handler is for {expected}.", nameof(method));
            if (_methods.Any(m => m.Path == method.FullName))
                throw new ArgumentException($"{method.FullName} already has a handler.", nameof(method));
            _methods.Add(new ServerMethodBinding(method.ServiceName, method.Name, method.FullName, create));
            return this;
        }
    }
}
