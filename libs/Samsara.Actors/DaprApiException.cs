namespace Samsara.Actors;

/// <summary>
/// daprd answered an actor API call with an unexpected status. <see cref="ErrorCode"/> is the
/// <c>errorCode</c> of daprd's error body (<c>ERR_ACTOR_INSTANCE_MISSING</c>, …) when there was one.
/// </summary>
public sealed class DaprApiException : Exception
{
    public DaprApiException()
    {
    }

    public DaprApiException(string message) : base(message)
    {
    }

    public DaprApiException(string message, Exception? innerException) : base(message, innerException)
    {
    }

    public int StatusCode { get; init; }

    public string? ErrorCode { get; init; }
}
