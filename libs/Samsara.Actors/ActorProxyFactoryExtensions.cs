namespace Samsara.Actors;

/// <summary>One-line calls for code that does not keep a proxy around.</summary>
public static class ActorProxyFactoryExtensions
{
    /// <exception cref="ActorMethodInvocationException">The call failed.</exception>
    public static Task<TResult> InvokeAsync<TRequest, TResult>(this IActorProxyFactory factory, string actorType, ActorId actorId, string method, TRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.Create(actorId, actorType).InvokeMethodAsync<TRequest, TResult>(method, request, cancellationToken);
    }

    public static Task<TResult> InvokeAsync<TResult>(this IActorProxyFactory factory, string actorType, ActorId actorId, string method, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.Create(actorId, actorType).InvokeMethodAsync<TResult>(method, cancellationToken);
    }
}
