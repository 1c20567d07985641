using System.Diagnostics;

namespace Samsara.Bench.Events;

/// <summary>One measurement's events: when each was published and when it reached its consumer.</summary>
internal sealed class EventClock(int count)
{
    private readonly long[] sent = new long[count];
    private readonly long[] received = new long[count];
    private readonly TaskCompletionSource all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int arrived;

    public int Count => count;

    public int Arrived => Volatile.Read(ref arrived);

    public void Sent(int index) => sent[index] = Stopwatch.GetTimestamp();

    /// <summary>Records event <paramref name="index"/>'s first arrival; a redelivery changes nothing.</summary>
    public void Received(int index)
    {
        if (index < 0 || index >= count) throw new InvalidOperationException($"event {index} is not one of this measurement's {count}");
        if (Interlocked.CompareExchange(ref received[index], Stopwatch.GetTimestamp(), 0) == 0 && Interlocked.Increment(ref arrived) == count)
            all.TrySetResult();
    }

    /// <summary>Publishes every event through <paramref name="publish"/>, <paramref name="window"/> at a time, and waits until all have arrived.</summary>
    public async Task<EventResult> RunAsync(Func<int, Task> publish, int window, string label)
    {
        var next = -1;
        using var progress = new ConsoleProgress(label, () => Arrived, count);
        await Task.WhenAll(Enumerable.Range(0, window).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                Sent(i);
                await publish(i);
            }
        })));
        var timeout = TimeSpan.FromSeconds(120);
        if (await Task.WhenAny(all.Task, Task.Delay(timeout)) != all.Task)
            throw new TimeoutException($"{label}: only {Arrived} of {count} events arrived within {timeout.TotalSeconds} s of the last publish");
        var seconds = Stopwatch.GetElapsedTime(sent.Min(), received.Max()).TotalSeconds;
        var latencies = sent.Zip(received, (s, r) => Stopwatch.GetElapsedTime(s, r).TotalMilliseconds).Order().ToArray();
        return new EventResult(count, seconds, Gateway.UnaryLoad.Percentile(latencies, 0.5), Gateway.UnaryLoad.Percentile(latencies, 0.99));
    }
}

/// <summary>End to end: from the first publish to the last arrival, and each event's publish-to-consume latency.</summary>
internal sealed record EventResult(int Messages, double Seconds, double P50Milliseconds, double P99Milliseconds)
{
    public double MessagesPerSecond => Messages / Seconds;
}
