using System.ComponentModel.DataAnnotations;
using Samsara.ServiceDefaults;

namespace Samsara.Stages;

/// <summary><c>Artifacts</c>: the artifact store every stage reads and writes (a shared volume when distributed).</summary>
public sealed class ArtifactsOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Artifacts";

    /// <summary>The store's directory. Required: a stage without it could only lose its work.</summary>
    [Required(AllowEmptyStrings = false)]
    [WritableDirectory]
    public string? Root { get; set; }
}
