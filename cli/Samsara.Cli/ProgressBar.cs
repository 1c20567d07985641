using System.Diagnostics;

namespace Samsara.Cli;

/// <summary>
/// Progress on stderr: a bar, the count, a rate and an ETA. Redrawn in place on a terminal; when stderr is a
/// file or a pipe, one plain line every few seconds so logs stay readable.
/// </summary>
internal sealed class ProgressBar(string label, long total, string unit)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly bool interactive = !Console.IsErrorRedirected;
    // Null until the first draw (TimeSpan.MinValue here made `now - lastDraw` overflow on a first report that was not the last).
    private TimeSpan? lastDraw;

    public void Report(long done, string? extra = null)
    {
        var now = clock.Elapsed;
        var finished = done >= total;
        if (!finished && lastDraw is { } last && now - last < (interactive ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(5))) return;
        lastDraw = now;
        var rate = done / Math.Max(now.TotalSeconds, 1e-9);
        var eta = rate > 0 && !finished ? TimeSpan.FromSeconds((total - done) / rate) : TimeSpan.Zero;
        const int width = 24;
        var filled = total == 0 ? width : (int)(width * Math.Min(1.0, (double)done / total));
        var line = $"{label} [{new string('#', filled)}{new string('.', width - filled)}] {done}/{total} {unit} " +
                   // A rate over a fraction of a second (a bar that starts and ends at once) would be noise.
                   $"{(now.TotalSeconds >= 0.5 ? $"{rate:F1}/s " : "")}{(finished ? $"in {now:m\\:ss}" : $"ETA {eta:m\\:ss}")}{(extra is null ? "" : $" {extra}")}";
        if (interactive) Console.Error.Write($"\r{line}\u001b[K{(finished ? "\n" : "")}");
        else Console.Error.WriteLine(line);
    }
}
