namespace Samsara.Actors;

/// <summary>
/// The identity of one actor instance within its actor type (Dapr's <c>ActorId</c>). Ids are opaque,
/// case-sensitive strings; they travel in URL path segments in the Dapr runtime, so they are escaped there.
/// </summary>
public sealed class ActorId : IEquatable<ActorId>
{
    private readonly string id;

    public ActorId(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        this.id = id;
    }

    /// <summary>A new random id, for actors whose identity does not come from the domain.</summary>
    public static ActorId CreateRandom() => new(Guid.NewGuid().ToString("N"));

    public string GetId() => id;

    public override string ToString() => id;

    public bool Equals(ActorId? other) => other is not null && string.Equals(id, other.id, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ActorId);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(id);

    public static bool operator ==(ActorId? left, ActorId? right) => Equals(left, right);

    public static bool operator !=(ActorId? left, ActorId? right) => !Equals(left, right);
}
