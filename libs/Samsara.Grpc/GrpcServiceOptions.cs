namespace Samsara.Grpc;

/// <summary>Server-wide call limits and error reporting, set with <c>AddGrpc(options => ...)</c>.</summary>
public sealed class GrpcServiceOptions
{
    /// <summary>The default receive limit of every gRPC implementation: 4 MiB.</summary>
    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>Largest request message accepted; larger ones end the call with RESOURCE_EXHAUSTED. Null: no limit.</summary>
    public int? MaxReceiveMessageSize { get; set; } = DefaultMaxReceiveMessageSize;

    /// <summary>Largest response message sent; larger ones end the call with RESOURCE_EXHAUSTED. Null (default): no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// Put a handler exception's type and message in the UNKNOWN status sent to the client. Off by default: exception
    /// text can leak internals (paths, SQL, secrets) to callers.
    /// </summary>
    public bool EnableDetailedErrors { get; set; }
}
