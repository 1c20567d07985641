using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Samsara.Testing.Metrics;

/// <summary>One value an instrument reported, with its tags.</summary>
public sealed record Reading<T>(T Value, IReadOnlyDictionary<string, object?> Tags)
{
    /// <summary>The tag <paramref name="name"/> as text, or null.</summary>
    public string? Tag(string name) => Tags.GetValueOrDefault(name)?.ToString();
}

/// <summary>
/// Listens, through a <see cref="MeterListener"/>, to one instrument (by meter and instrument name, on every meter of
/// that name) and keeps what it reports; observable instruments report when <see cref="WaitForAsync"/> polls them.
/// </summary>
public sealed class InstrumentProbe<T> : IDisposable
    where T : struct
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    private readonly MeterListener _listener = new();
    private readonly List<Reading<T>> _readings = [];

    public InstrumentProbe(string meterName, string instrumentName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName && instrument.Name == instrumentName)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<T>((_, value, tags, _) =>
        {
            var reading = new Reading<T>(value, tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value, StringComparer.Ordinal));
            lock (_readings)
                _readings.Add(reading);
        });
        _listener.Start();
    }

    /// <summary>Everything reported so far.</summary>
    public IReadOnlyList<Reading<T>> Readings
    {
        get
        {
            lock (_readings)
                return [.. _readings];
        }
    }

    /// <summary>
    /// The first reading matching <paramref name="match"/>, polling observable instruments until one does; throws
    /// with the last readings seen after <paramref name="timeout"/>.
    /// </summary>
    public async Task<Reading<T>> WaitForAsync(Func<Reading<T>, bool> match, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            _listener.RecordObservableInstruments();
            var found = Readings.FirstOrDefault(match);
            if (found is not null)
                return found;
            if (clock.Elapsed > timeout)
            {
                var last = string.Join("; ", Readings.TakeLast(5).Select(r => $"{r.Value} {{{string.Join(", ", r.Tags.Select(t => $"{t.Key}={t.Value}"))}}}"));
                throw new TimeoutException($"No matching reading within {timeout}; {Readings.Count} reported, the last: {(last.Length == 0 ? "none" : last)}.");
            }
            await Task.Delay(Poll);
        }
    }

    public void Dispose() => _listener.Dispose();
}
