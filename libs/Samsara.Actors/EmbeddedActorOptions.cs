namespace Samsara.Actors;

/// <summary>Settings of the embedded runtime (configuration section <c>Actors:Embedded</c>).</summary>
public sealed class EmbeddedActorOptions
{
    /// <summary>The SQLite file holding state and reminders (<c>Actors:Embedded:Path</c>); required.</summary>
    public string? Path { get; set; }

    /// <summary>How long a reminder whose callback threw waits before it is delivered again.</summary>
    public TimeSpan ReminderRetryInterval { get; set; } = TimeSpan.FromSeconds(10);
}
