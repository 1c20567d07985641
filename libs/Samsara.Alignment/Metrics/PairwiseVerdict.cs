namespace Samsara.Alignment.Metrics;

/// <summary>One judged item: its category (e.g. "math") and who won it, from model A's side.</summary>
public sealed record PairwiseVerdict(string Category, Verdict Verdict);
