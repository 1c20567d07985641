using System.Globalization;

namespace Samsara.EmbeddedDapr.Internal;

/// <summary>
/// Reads a reminder's or timer's schedule as daprd does: a due time is a duration (Go, the SDK's <c>0h0m3s0ms</c>,
/// ISO-8601) or an RFC3339 time; a period is a duration, <c>Rn/…</c> (n fires), or empty (fire once).
/// </summary>
internal static class ReminderSchedule
{
    public static DateTimeOffset FirstDue(string dueTime, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(dueTime)) return now;
        if (DaprDuration.TryParse(dueTime, out var delay)) return now + delay;
        if (DateTimeOffset.TryParse(dueTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at;
        throw new FormatException($"dueTime '{dueTime}' is neither a duration nor an RFC3339 time");
    }

    /// <returns>Null for a one-shot schedule; else the interval and, for <c>Rn/…</c>, the number of fires.</returns>
    public static (TimeSpan Interval, int? Repetitions)? Period(string period)
    {
        if (string.IsNullOrWhiteSpace(period)) return null;
        if (!DaprDuration.TryParse(period, out var interval))
            throw new FormatException($"period '{period}' is not a duration or an ISO-8601 repetition");
        int? repetitions = period.StartsWith('R') && int.TryParse(period.AsSpan(1, period.IndexOf('/', StringComparison.Ordinal) - 1), CultureInfo.InvariantCulture, out var n) ? n : null;
        return (interval, repetitions);
    }

    /// <summary>A TTL: a duration from now, or an RFC3339 time.</summary>
    public static DateTimeOffset? Expiry(string? ttl, DateTimeOffset now) =>
        string.IsNullOrWhiteSpace(ttl) ? null
        : DaprDuration.TryParse(ttl, out var span) ? now + span
        : DateTimeOffset.TryParse(ttl, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
        : throw new FormatException($"ttl '{ttl}' is neither a duration nor an RFC3339 time");
}
