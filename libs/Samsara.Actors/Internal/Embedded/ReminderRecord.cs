namespace Samsara.Actors.Internal.Embedded;

/// <summary>A stored reminder: what was registered, when it is next due, and which registration it is.</summary>
internal sealed record ReminderRecord(ActorKey Actor, ActorReminder Reminder, DateTimeOffset NextDueAt, string Generation)
{
    public static ReminderRecord Register(ActorKey actor, ActorReminder reminder, DateTimeOffset now) =>
        new(actor, reminder, now + reminder.DueTime, Guid.NewGuid().ToString("N"));

    /// <summary>
    /// The due time after a delivery at <paramref name="now"/>: null for a one-shot reminder (it is removed),
    /// else the first beat of the original cadence after now, so a reminder that was due many times while the
    /// process was down fires once on start, not once per missed beat.
    /// </summary>
    public DateTimeOffset? NextAfter(DateTimeOffset now)
    {
        var period = Reminder.Period;
        if (period == Timeout.InfiniteTimeSpan)
        {
            return null;
        }

        var missed = now > NextDueAt ? (now - NextDueAt).Ticks / period.Ticks : 0;
        return NextDueAt + TimeSpan.FromTicks((missed + 1) * period.Ticks);
    }
}
