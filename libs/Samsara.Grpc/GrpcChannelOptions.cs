namespace Samsara.Grpc;

/// <summary>Settings shared by all calls of a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>
    /// The handler that sends the HTTP/2 requests. Null: a <see cref="System.Net.Http.SocketsHttpHandler"/> owned by the
    /// channel. Supply one to share connections or to add TLS settings or delegating handlers.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Whether disposing the channel disposes <see cref="HttpHandler"/>.</summary>
    public bool DisposeHttpHandler { get; set; } = true;

    /// <summary>Largest response message accepted; larger ones fail the call with RESOURCE_EXHAUSTED. Null: no limit.</summary>
    public int? MaxReceiveMessageSize { get; set; } = GrpcServiceOptions.DefaultMaxReceiveMessageSize;

    /// <summary>Largest request message sent; larger ones fail the call with RESOURCE_EXHAUSTED. Null (default): no limit.</summary>
    public int? MaxSendMessageSize { get; set; }
}
