namespace Samsara.Stages.Jobs;

/// <summary>Parts of a job's key (<see cref="IStageJob{TCommand}.KeyOf"/>), which names its record file.</summary>
public static class JobKeys
{
    /// <summary>
    /// An algorithm name as a key part: it comes from a message and names a file, so only its letters and digits are
    /// kept, lower-cased.
    /// </summary>
    public static string Algorithm(string algorithm) =>
        new string([.. algorithm.Where(char.IsAsciiLetterOrDigit)]).ToLowerInvariant();
}
