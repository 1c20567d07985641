using System.ComponentModel.DataAnnotations;

namespace Samsara.Stages.Jobs;

/// <summary>
/// <c>Jobs</c>: who this worker is to the job records it shares with other replicas, and how long its claim on a job
/// lasts without renewal.
/// </summary>
public sealed class JobOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Jobs";

    /// <summary>
    /// This worker's name in the job records it owns. By default the host name, which on Kubernetes is the pod's name:
    /// a container restarted in its pod is the same owner and resumes its jobs at once.
    /// </summary>
    [Required]
    [MinLength(1)]
    public string Owner { get; set; } = Environment.MachineName;

    /// <summary>
    /// How long a job stays claimed after its owner last renewed it (a running job renews every third of this). Once
    /// it lapses, any replica that meets the job (a re-dispatched command, a start) takes it over.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "1.00:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
}
