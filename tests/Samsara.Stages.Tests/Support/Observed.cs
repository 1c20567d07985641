using System.Diagnostics;
using Samsara.Contracts;

namespace Samsara.Stages.Tests.Support;

/// <summary>Every run event the observer queue received, in order, and waiting for one with a deadline.</summary>
internal sealed class Observed
{
    private readonly List<IRunMessage> _events = [];

    public void Add(IRunMessage message)
    {
        lock (_events)
            _events.Add(message);
    }

    public IReadOnlyList<T> All<T>() where T : IRunMessage
    {
        lock (_events)
            return [.. _events.OfType<T>()];
    }

    public async Task<T> WaitFor<T>(Func<T, bool> match, TimeSpan timeout) where T : IRunMessage
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (All<T>().FirstOrDefault(match) is { } found)
                return found;
            if (clock.Elapsed > timeout)
            {
                string seen;
                lock (_events)
                    seen = string.Join(", ", _events.Select(e => e.GetType().Name));
                throw new TimeoutException($"no matching {typeof(T).Name} within {timeout}; seen: {seen}");
            }
            await Task.Delay(50);
        }
    }

    public Task<T> WaitFor<T>(Guid runId, TimeSpan timeout) where T : IRunMessage => WaitFor<T>(e => e.RunId == runId, timeout);
}
