namespace Samsara.Bench;

/// <summary>"label: done/total" on stderr twice a second, on one line that is cleared when the work ends.</summary>
internal sealed class ConsoleProgress : IDisposable
{
    private readonly string label;
    private readonly int total;
    private readonly Timer timer;

    public ConsoleProgress(string label, Func<int> done, int total)
    {
        this.label = label;
        this.total = total;
        timer = new Timer(_ => Console.Error.Write($"\r{label}: {Math.Min(done(), total)}/{total}   "), null, 500, 500);
    }

    public void Dispose()
    {
        timer.Dispose();
        Console.Error.Write($"\r{new string(' ', label.Length + 2 * total.ToString(System.Globalization.CultureInfo.InvariantCulture).Length + 6)}\r");
    }
}
