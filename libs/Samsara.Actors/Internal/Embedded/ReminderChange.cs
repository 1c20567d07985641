namespace Samsara.Actors.Internal.Embedded;

/// <summary>A change to an actor's reminders, applied in its turn's transaction, in the order made.</summary>
internal abstract record ReminderChange(string Name);

/// <summary>Registered or replaced.</summary>
internal sealed record ReminderRegistered(ReminderRecord Record) : ReminderChange(Record.Reminder.Name);

internal sealed record ReminderUnregistered(string ReminderName) : ReminderChange(ReminderName);

/// <summary>Delivered: move it to <paramref name="NextDueAt"/>, or remove it when null; only if still <paramref name="Generation"/>.</summary>
internal sealed record ReminderDelivered(string ReminderName, string Generation, DateTimeOffset? NextDueAt) : ReminderChange(ReminderName);
