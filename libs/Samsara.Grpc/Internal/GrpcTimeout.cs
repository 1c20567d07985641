using System.Globalization;

namespace Samsara.Grpc.Internal;

/// <summary>
/// The <c>grpc-timeout</c> header: at most 8 ASCII digits and a unit, H (hours), M (minutes), S (seconds),
/// m (milliseconds), u (microseconds) or n (nanoseconds).
/// </summary>
internal static class GrpcTimeout
{
    private const long MaxValue = 99_999_999;

    /// <summary>Parses a header value; false for anything malformed (the server then ignores the header).</summary>
    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (value is null || value.Length < 2 || value.Length > 9) return false;
        if (!long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)) return false;
        long? ticks = value[^1] switch
        {
            'H' => amount * TimeSpan.TicksPerHour,
            'M' => amount * TimeSpan.TicksPerMinute,
            'S' => amount * TimeSpan.TicksPerSecond,
            'm' => amount * TimeSpan.TicksPerMillisecond,
            'u' => amount * 10,
            // A tick is 100 ns; round up so "1n" is a (tiny) positive timeout, not none.
            'n' => (amount + 99) / 100,
            _ => null,
        };
        if (ticks is null) return false;
        timeout = TimeSpan.FromTicks(ticks.Value);
        return true;
    }

    /// <summary>
    /// Encodes a remaining time in the finest unit that fits in 8 digits, rounding up so the server never sees a
    /// deadline earlier than the client's. A time already up is sent as 1n: the server fails the call at once.
    /// </summary>
    public static string Encode(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero) return "1n";
        var ticks = timeout.Ticks;
        if (ticks <= MaxValue / 100) return Format(ticks * 100, 'n');
        foreach (var (unitTicks, unit) in Units)
        {
            var amount = CeilDiv(ticks, unitTicks);
            if (amount <= MaxValue) return Format(amount, unit);
        }
        return Format(MaxValue, 'H');
    }

    private static readonly (long Ticks, char Unit)[] Units =
    [
        (10, 'u'),
        (TimeSpan.TicksPerMillisecond, 'm'),
        (TimeSpan.TicksPerSecond, 'S'),
        (TimeSpan.TicksPerMinute, 'M'),
        (TimeSpan.TicksPerHour, 'H'),
    ];

    // Written to not overflow near TimeSpan.MaxValue.
    private static long CeilDiv(long value, long divisor) => value / divisor + (value % divisor == 0 ? 0 : 1);

    private static string Format(long amount, char unit) => amount.ToString(CultureInfo.InvariantCulture) + unit;
}
