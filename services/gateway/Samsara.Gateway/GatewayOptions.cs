using System.ComponentModel.DataAnnotations;
using Samsara.ServiceDefaults;
using Samsara.Api.Server;

namespace Samsara.Gateway;

/// <summary>The <c>Gateway</c> configuration section, validated when the host starts.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>
    /// Who may call, as SHA-256 hashes of their keys (<c>Gateway:ApiKeys:0:Name</c>, <c>…:Sha256</c>, <c>…:Admin</c>).
    /// At least one: a gateway nobody can call is a misconfiguration, better caught at start than at the first call.
    /// </summary>
    [Required]
    [MinLength(1, ErrorMessage = "configure at least one API key (Gateway:ApiKeys:0:Name and Gateway:ApiKeys:0:Sha256)")]
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>The embedded Dapr sidecar's SQLite file (runs, their history, the run index), unless Actors:Embedded:Path says otherwise.</summary>
    [Required]
    public string StatePath { get; set; } = "samsara-gateway.db";

    /// <summary>The artifact store: run specs are written here, and relative model and prompt paths are resolved here.</summary>
    [Required]
    [WritableDirectory]
    public string ArtifactRoot { get; set; } = "artifacts";

    /// <summary>How often WatchRun re-reads the run's actor, for events applied by another gateway replica.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan WatchPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long StartRun and CancelRun wait for the broker to take their message before answering UNAVAILABLE.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
