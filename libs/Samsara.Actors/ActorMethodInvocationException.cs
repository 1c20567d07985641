namespace Samsara.Actors;

/// <summary>
/// A call through an actor proxy failed: the actor type or method is unknown, the payload could not be
/// read, or the method threw (its exception is <see cref="Exception.InnerException"/> in the embedded
/// runtime; in the Dapr runtime only the status and message cross the wire).
/// </summary>
public sealed class ActorMethodInvocationException : Exception
{
    public ActorMethodInvocationException()
    {
    }

    public ActorMethodInvocationException(string message) : base(message)
    {
    }

    public ActorMethodInvocationException(string message, Exception? innerException) : base(message, innerException)
    {
    }

    /// <summary>The HTTP status daprd answered with, when the call went through a sidecar.</summary>
    public int? StatusCode { get; init; }
}
