namespace Samsara.Stages.Jobs;

/// <summary>
/// Raised by a consume whose job already failed for good: the failure goes the way a failed consume always went,
/// MassTransit's retries, then the queue's <c>_error</c> queue with this reason and a published <c>Fault&lt;T&gt;</c>.
/// </summary>
public sealed class StageJobFailedException : Exception
{
    /// <summary>The job's failure, its reason as the job's last attempt threw it.</summary>
    public StageJobFailedException(string message) : base(message) { }

    /// <summary>Required by the analyzers' exception pattern; prefer the constructor with a reason.</summary>
    public StageJobFailedException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Required by the analyzers' exception pattern; prefer the constructor with a reason.</summary>
    public StageJobFailedException() : base("the stage's job failed") { }
}
