namespace Samsara.Actors;

/// <summary>Which runtime hosts the actors; configuration key <c>Actors:Runtime</c>.</summary>
public enum ActorRuntimeKind
{
    /// <summary>In process, state and reminders in a SQLite file: one machine, no sidecar.</summary>
    Embedded,

    /// <summary>Hosted by a daprd sidecar: this app serves the actor HTTP protocol and calls daprd's actor API.</summary>
    Dapr,
}
