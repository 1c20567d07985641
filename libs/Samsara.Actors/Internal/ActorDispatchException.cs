namespace Samsara.Actors.Internal;

internal enum DispatchFailure
{
    /// <summary>The actor type is not registered here (the Dapr SDK's InvalidOperationException → 500).</summary>
    UnknownActorType,

    /// <summary>No such callable method (404: daprd treats it as permanent and does not retry).</summary>
    UnknownMethod,

    /// <summary>The request body could not be read (400).</summary>
    BadRequest,
}

/// <summary>A call could not be dispatched to an actor; nothing ran. Each runtime maps it to its own answer.</summary>
internal sealed class ActorDispatchException(DispatchFailure failure, string message) : Exception(message)
{
    public DispatchFailure Failure { get; } = failure;

    public int StatusCode => Failure switch
    {
        DispatchFailure.UnknownMethod => 404,
        DispatchFailure.BadRequest => 400,
        _ => 500,
    };
}
