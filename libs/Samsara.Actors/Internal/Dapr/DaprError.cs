namespace Samsara.Actors.Internal.Dapr;

/// <summary>Dapr's error body, <c>{"errorCode":"ERR_…","message":"…"}</c>, used for this app's own error answers too.</summary>
internal sealed record DaprError(string ErrorCode, string Message)
{
    public static DaprError For(ActorDispatchException exception) => new(
        exception.Failure switch
        {
            DispatchFailure.UnknownMethod => "ERR_ACTOR_METHOD_NOT_FOUND",
            DispatchFailure.BadRequest => "ERR_MALFORMED_REQUEST",
            _ => "ERR_ACTOR_TYPE_NOT_REGISTERED",
        },
        exception.Message);
}
