namespace Samsara.Stages;

/// <summary>
/// The run's input is wrong (its spec, its data): retrying cannot help, so the stage reports a
/// <c>StageFaulted</c> with <see cref="Exception.Message"/> as the reason instead of throwing it back to the bus.
/// </summary>
public sealed class StageInputException : Exception
{
    /// <summary>An input error with a reason fit to show the user.</summary>
    public StageInputException(string message) : base(message) { }

    /// <summary>An input error caused by <paramref name="innerException"/>.</summary>
    public StageInputException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Required by the analyzers' exception pattern; prefer the constructors with a reason.</summary>
    public StageInputException() : base("the run's input is invalid") { }
}
