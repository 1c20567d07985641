namespace Samsara.Actors.Internal;

/// <summary>The actor types this process hosts, by type name (what daprd's /dapr/config "entities" lists).</summary>
internal sealed class ActorRegistry
{
    private readonly Dictionary<string, ActorRegistration> byName = new(StringComparer.Ordinal);

    public ActorRegistry(IEnumerable<ActorRegistration> registrations)
    {
        foreach (var registration in registrations)
        {
            if (!byName.TryAdd(registration.TypeName, registration))
            {
                throw new InvalidOperationException($"Actor type {registration.TypeName} is registered twice.");
            }
        }
    }

    public IEnumerable<string> TypeNames => byName.Keys;

    /// <exception cref="ActorDispatchException">The type is not registered.</exception>
    public ActorRegistration Get(string typeName) =>
        byName.TryGetValue(typeName, out var registration)
            ? registration
            : throw new ActorDispatchException(DispatchFailure.UnknownActorType, $"Actor type {typeName} is not registered in this app.");
}
