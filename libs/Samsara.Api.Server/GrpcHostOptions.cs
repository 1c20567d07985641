using System.ComponentModel.DataAnnotations;

namespace Samsara.Api.Server;

/// <summary>The <c>Grpc</c> configuration section every Samsara gRPC host reads, validated when the host starts.</summary>
public sealed class GrpcHostOptions
{
    public const string SectionName = "Grpc";

    /// <summary>
    /// Who may call this host's services (<c>Grpc:ApiKeys:0:Name</c>, <c>…:Sha256</c>, <c>…:Admin</c>). A host with
    /// none still starts (its health and reflection answer) and refuses every other call with UNAUTHENTICATED.
    /// The gateway also accepts its own <c>Gateway:ApiKeys</c>.
    /// </summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>The largest request message accepted; a larger one is refused with RESOURCE_EXHAUSTED.</summary>
    [Range(1024, 1 << 30)]
    public int MaxReceiveMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The largest response message sent; a larger one fails the call with RESOURCE_EXHAUSTED.</summary>
    [Range(1024, 1 << 30)]
    public int MaxSendMessageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Compresses responses (<c>gzip</c>) for callers that accept it, or not (empty, the default): worth it for the
    /// generator's and judge's streams of text across a network, not for loopback. Requests compressed by the caller
    /// are always accepted.
    /// </summary>
    [RegularExpression("^(gzip)?$", ErrorMessage = "must be gzip or empty (no compression)")]
    public string ResponseCompression { get; set; } = "";

    /// <summary>
    /// Serves gRPC-Web (application/grpc-web[-text]) beside gRPC, so browsers and HTTP/1.1-only proxies can call:
    /// on the HTTP/1.1 port, since gRPC-Web needs no HTTP/2. Cross-origin browsers also need CORS from the ingress.
    /// </summary>
    public bool Web { get; set; }
}

/// <summary>One configured key; the key itself never appears in configuration, only its SHA-256 (hex).</summary>
public sealed class ApiKeyOptions
{
    [Required]
    public string Name { get; set; } = "";

    [Required]
    [RegularExpression("^[0-9a-fA-F]{64}$", ErrorMessage = "must be 64 hex digits (the SHA-256 of the key)")]
    public string Sha256 { get; set; } = "";

    public bool Admin { get; set; }
}
