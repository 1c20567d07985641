namespace Samsara.Actors.Internal.Dapr;

/// <summary>Proxy calls in the Dapr runtime: always through daprd, which knows where each actor lives.</summary>
internal sealed class DaprActorInvoker(DaprSidecarClient sidecar) : IActorInvoker
{
    public async Task<byte[]> InvokeAsync(string actorType, ActorId actorId, string method, byte[] payload, CancellationToken cancellationToken)
    {
        try
        {
            return await sidecar.InvokeMethodAsync(new ActorKey(actorType, actorId.GetId()), method, payload, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new ActorMethodInvocationException($"{actorType}/{actorId}.{method}: daprd could not be reached: {ex.Message}", ex);
        }
    }
}
