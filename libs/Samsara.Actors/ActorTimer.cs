namespace Samsara.Actors;

/// <summary>
/// A registered timer: in memory only, it fires only while the actor is active and is gone after
/// deactivation or a restart. <paramref name="Callback"/> names an instance method of the actor taking
/// no parameter or one <c>byte[]</c>, returning <see cref="Task"/>.
/// </summary>
public sealed record ActorTimer(string Name, string Callback, byte[] State, TimeSpan DueTime, TimeSpan Period);
