using Google.Protobuf;
using Samsara.Grpc.Internal.Client;

namespace Samsara.Grpc;

/// <summary>
/// A client's connection to one gRPC server over HTTP/2 (h2c for <c>http://</c>, with prior knowledge: no upgrade
/// dance, as gRPC requires). Starts calls of all four kinds; thread-safe, meant to be shared and long-lived, since it
/// owns the HTTP/2 connections.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly bool _disposeHandler;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        Address = address;
        MaxReceiveMessageSize = options.MaxReceiveMessageSize;
        MaxSendMessageSize = options.MaxSendMessageSize;
        var handler = options.HttpHandler ?? new SocketsHttpHandler
        {
            // One HTTP/2 connection allows only so many concurrent streams (100 by default on Kestrel); long-lived
            // streaming calls would otherwise queue behind each other.
            EnableMultipleHttp2Connections = true,
        };
        _disposeHandler = options.HttpHandler is null || options.DisposeHttpHandler;
        // An invoker, not an HttpClient: no client-wide timeout (deadlines are per call) and no response buffering.
        Invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        Handler = handler;
    }

    public Uri Address { get; }

    internal int? MaxReceiveMessageSize { get; }

    internal int? MaxSendMessageSize { get; }

    internal HttpMessageInvoker Invoker { get; }

    private HttpMessageHandler Handler { get; }

    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) =>
        ForAddress(new Uri(address, UriKind.Absolute), options);

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
            throw new ArgumentException($"Address '{address}' must be http:// (h2c) or https://.", nameof(address));
        return new GrpcChannel(address, options ?? new GrpcChannelOptions());
    }

    public AsyncUnaryCall<TResponse> UnaryAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = StartCall(method, MethodType.Unary, options);
        call.StartUnary(request);
        return new AsyncUnaryCall<TResponse>(call.ReadSingleResponseAsync(), call);
    }

    public AsyncServerStreamingCall<TResponse> ServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = StartCall(method, MethodType.ServerStreaming, options);
        call.StartUnary(request);
        return new AsyncServerStreamingCall<TResponse>(new ClientResponseStream<TRequest, TResponse>(call), call);
    }

    public AsyncClientStreamingCall<TRequest, TResponse> ClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = StartCall(method, MethodType.ClientStreaming, options);
        var writer = call.StartStreaming();
        return new AsyncClientStreamingCall<TRequest, TResponse>(writer, call.ReadSingleResponseAsync(), call);
    }

    public AsyncDuplexStreamingCall<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = StartCall(method, MethodType.DuplexStreaming, options);
        var writer = call.StartStreaming();
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(writer, new ClientResponseStream<TRequest, TResponse>(call), call);
    }

    public void Dispose()
    {
        Invoker.Dispose();
        if (_disposeHandler) Handler.Dispose();
    }

    private GrpcCall<TRequest, TResponse> StartCall<TRequest, TResponse>(Method<TRequest, TResponse> method, MethodType expected, CallOptions options)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.Type != expected) throw new ArgumentException($"{method.FullName} is {method.Type}, not {expected}.", nameof(method));
        return new GrpcCall<TRequest, TResponse>(this, method, options);
    }
}
