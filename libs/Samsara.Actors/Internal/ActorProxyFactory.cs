namespace Samsara.Actors.Internal;

internal sealed class ActorProxyFactory(IActorInvoker invoker, ActorRuntimeOptions options) : IActorProxyFactory
{
    public ActorProxy Create(ActorId actorId, string actorType) => new(actorId, actorType, invoker, options.JsonSerializerOptions);
}
