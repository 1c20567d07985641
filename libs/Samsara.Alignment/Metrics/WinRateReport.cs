namespace Samsara.Alignment.Metrics;

/// <summary>Win rates over all items and per category (ordinal order), with the bootstrap settings that made the intervals.</summary>
public sealed record WinRateReport(
    WinRate Overall,
    IReadOnlyDictionary<string, WinRate> ByCategory,
    int Resamples,
    int Seed,
    double Confidence);
