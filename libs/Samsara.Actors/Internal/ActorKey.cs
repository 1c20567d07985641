namespace Samsara.Actors.Internal;

/// <summary>One actor instance: its registered type name and its id. State, reminders and turns are keyed by it.</summary>
internal readonly record struct ActorKey(string Type, string Id)
{
    public override string ToString() => $"{Type}/{Id}";
}
