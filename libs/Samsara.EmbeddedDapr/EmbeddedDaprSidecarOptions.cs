namespace Samsara.EmbeddedDapr;

/// <summary>How the embedded sidecar keeps state and schedules callbacks.</summary>
public sealed class EmbeddedDaprSidecarOptions
{
    /// <summary>The SQLite file for actor state and reminders (required): a restarted process finds both there.</summary>
    public string? DatabasePath { get; set; }

    /// <summary>How often due reminders and timers, and idle actors, are looked for.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A reminder the app did not take (down, or an error) is tried again this much later.</summary>
    public TimeSpan ReminderRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(DatabasePath))
            throw new InvalidOperationException("EmbeddedDaprSidecarOptions.DatabasePath is required: it names the SQLite file that keeps actor state and reminders.");
        if (PollInterval <= TimeSpan.Zero || ReminderRetryInterval <= TimeSpan.Zero)
            throw new InvalidOperationException("EmbeddedDaprSidecarOptions.PollInterval and ReminderRetryInterval must be positive.");
    }
}
