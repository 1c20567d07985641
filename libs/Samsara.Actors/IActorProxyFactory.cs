namespace Samsara.Actors;

/// <summary>
/// Creates proxies for calling actors by type and id (Dapr's non-remoting <c>IActorProxyFactory.Create</c>).
/// Inject it anywhere: services outside actors and actors themselves (<see cref="ActorHost.ProxyFactory"/>).
/// </summary>
public interface IActorProxyFactory
{
    ActorProxy Create(ActorId actorId, string actorType);
}
