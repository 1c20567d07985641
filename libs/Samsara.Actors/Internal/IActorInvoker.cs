namespace Samsara.Actors.Internal;

/// <summary>How a proxy reaches an actor method: in process (embedded) or through daprd (dapr).</summary>
internal interface IActorInvoker
{
    /// <returns>The method's JSON result; empty when the method returns a plain Task.</returns>
    /// <exception cref="ActorMethodInvocationException">The call failed.</exception>
    Task<byte[]> InvokeAsync(string actorType, ActorId actorId, string method, byte[] payload, CancellationToken cancellationToken);
}
