namespace Samsara.Actors.Internal.Embedded;

/// <summary>
/// Proxy calls in the embedded runtime: straight into this process's actors, but through the same JSON
/// payloads as on the wire, so callers and actors never share objects and both runtimes behave alike.
/// </summary>
internal sealed class EmbeddedActorInvoker(ActorDispatcher dispatcher) : IActorInvoker
{
    public async Task<byte[]> InvokeAsync(string actorType, ActorId actorId, string method, byte[] payload, CancellationToken cancellationToken)
    {
        try
        {
            return await dispatcher.InvokeMethodAsync(new ActorKey(actorType, actorId.GetId()), method, payload, cancellationToken);
        }
        catch (ActorDispatchException ex)
        {
            throw new ActorMethodInvocationException(ex.Message, ex);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw new ActorMethodInvocationException($"{actorType}/{actorId}.{method} failed: {ex.Message}", ex);
        }
    }
}
