namespace Samsara.Actors;

/// <summary>
/// Marks an interface whose methods can be called on an actor from outside (Dapr's <c>IActor</c>).
/// Only methods of interfaces that extend this one are callable, so lifecycle hooks and helpers stay private.
/// A callable method returns <see cref="Task"/> or <see cref="Task{TResult}"/> and takes at most one
/// payload parameter (JSON) plus an optional <see cref="CancellationToken"/>; names must be unique.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1040:Avoid empty interfaces",
    Justification = "A marker, as in Dapr.Actors: it selects the callable surface of an actor.")]
public interface IActor
{
}
