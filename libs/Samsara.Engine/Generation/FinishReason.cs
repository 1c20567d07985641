namespace Samsara.Engine.Generation;

/// <summary>Why a sequence stopped: the model ended it, a stop string appeared, or the token limit was reached.</summary>
public enum FinishReason
{
    Eos,
    Stop,
    Length,
}

public static class FinishReasonExtensions
{
    /// <summary>The name in generation files: "eos", "stop" or "length".</summary>
    public static string ToWireName(this FinishReason reason) => reason switch
    {
        FinishReason.Eos => "eos",
        FinishReason.Stop => "stop",
        FinishReason.Length => "length",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
