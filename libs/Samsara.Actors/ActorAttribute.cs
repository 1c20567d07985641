namespace Samsara.Actors;

/// <summary>
/// Names an actor type (Dapr's <c>[Actor(TypeName = …)]</c>). Without it the type name is the class name.
/// The name is what daprd routes on and what the embedded store keys state by, so renaming a class
/// without pinning its old name here orphans its stored state.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ActorAttribute : Attribute
{
    public string? TypeName { get; set; }
}
