namespace Samsara.Alignment.Metrics;

/// <summary>
/// Model A's win rate over <see cref="Count"/> items, (wins + ½ ties) / count, and the bootstrap percentile interval
/// [<see cref="Lower"/>, <see cref="Upper"/>] around it.
/// </summary>
public sealed record WinRate(int Count, int Wins, int Ties, int Losses, double Rate, double Lower, double Upper);
