using System.ComponentModel.DataAnnotations;
using Samsara.ServiceDefaults;
using Samsara.Api.Server;

namespace Samsara.Gateway;

/// <summary>The <c>Gateway</c> configuration section, validated when the host starts.</summary>
public sealed class GatewayOptions : IValidatableObject
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

    /// <summary>
    /// Directories a spec may read besides the artifact store (<c>Gateway:ReadOnlyRoots:0</c>, …), e.g. a models
    /// volume: a relative path the store lacks is looked up in each, in order, and the run gets the absolute path, so
    /// every service must see the root at the same path (the chart mounts it read-only on every pod).
    /// </summary>
    public List<string> ReadOnlyRoots { get; set; } = [];

    /// <summary>
    /// The spec's paths are this machine's own and used as given (absolute, resolved against the spec file): only for
    /// the embedded <c>samsara run</c>, whose one caller is the local user. A shared gateway leaves it off and confines
    /// every path (see <c>SpecPathConfinement</c>).
    /// </summary>
    public bool LocalSpecPaths { get; set; }

    /// <summary>How often WatchRun re-reads the run's actor, for events applied by another gateway replica.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan WatchPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long StartRun and CancelRun wait for the broker to take their message before answering UNAVAILABLE.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Relative roots would depend on the working directory, which differs between a pod and a shell.
        for (var i = 0; i < ReadOnlyRoots.Count; i++)
            if (!Path.IsPathFullyQualified(ReadOnlyRoots[i]))
                yield return new ValidationResult($"Gateway:ReadOnlyRoots:{i} ('{ReadOnlyRoots[i]}') must be an absolute directory path", [nameof(ReadOnlyRoots)]);
    }
}
