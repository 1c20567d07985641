using System.ComponentModel.DataAnnotations;

namespace Samsara.Stages.Training;

/// <summary><c>Trainer</c>: how the trainer runs its jobs.</summary>
public sealed class TrainerOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Trainer";

    /// <summary>
    /// How many trainings one process runs at once; later ones wait, accepted, in line. One by default: a training
    /// owns the GPU.
    /// </summary>
    [Range(1, 64)]
    public int MaxConcurrentJobs { get; set; } = 1;
}
