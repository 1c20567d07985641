using System.Threading.Channels;

namespace Samsara.Actors.Internal.Embedded;

/// <summary>
/// Wakes the reminder scheduler when reminders change, so a new reminder due in 100 ms is not left waiting
/// for the scheduler's next look. Signals coalesce: many changes while it is busy make one wake-up.
/// </summary>
internal sealed class ReminderWakeup
{
    private readonly Channel<bool> signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Set() => signals.Writer.TryWrite(true);

    /// <summary>Waits for a signal or for <paramref name="timeout"/>, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var race = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, clock, race.Token);
        var signal = signals.Reader.WaitToReadAsync(race.Token).AsTask();
        await Task.WhenAny(delay, signal);
        await race.CancelAsync(); // release whichever is still waiting
        signals.Reader.TryRead(out _);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
