using System.Diagnostics;

namespace Samsara.EmbeddedDapr.Tests;

/// <summary>Waits for a condition with a generous deadline (a loaded 2-core machine), failing with what was last seen.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (clock.Elapsed > Deadline) throw new TimeoutException($"{what}: not within {Deadline}; last seen {value}");
            await Task.Delay(50);
        }
    }
}
