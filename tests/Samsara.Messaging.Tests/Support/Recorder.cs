using System.Diagnostics;
using MassTransit;

namespace Samsara.Messaging.Tests.Support;

/// <summary>
/// What the test consumers saw, and waiting for it with a deadline. One per message type (a singleton in the
/// container); it also counts every attempt, including the ones that threw.
/// </summary>
internal sealed class Recorder<T> : IDisposable
    where T : class
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<Delivery<T>> _deliveries = [];
    private readonly List<Delivery<T>> _attempts = [];
    private readonly SemaphoreSlim _changed = new(0);

    public IReadOnlyList<Delivery<T>> Deliveries
    {
        get
        {
            lock (_deliveries)
                return [.. _deliveries];
        }
    }

    public IReadOnlyList<Delivery<T>> Attempts
    {
        get
        {
            lock (_deliveries)
                return [.. _attempts];
        }
    }

    public void Dispose() => _changed.Dispose();

    public void Attempted(ConsumeContext<T> context)
    {
        lock (_deliveries)
            _attempts.Add(Delivery<T>.Of(context, _clock.Elapsed));
    }

    public void Delivered(ConsumeContext<T> context)
    {
        lock (_deliveries)
            _deliveries.Add(Delivery<T>.Of(context, _clock.Elapsed));
        _changed.Release();
    }

    /// <summary>The first delivery matching <paramref name="match"/>; throws with what did arrive after <paramref name="timeout"/>.</summary>
    public async Task<Delivery<T>> WaitFor(Func<Delivery<T>, bool> match, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var found = Deliveries.FirstOrDefault(match);
            if (found is not null)
                return found;
            var left = timeout - deadline.Elapsed;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"No matching {typeof(T).Name} within {timeout}; {Deliveries.Count} delivered, {Attempts.Count} attempted.");
            await _changed.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }
}
