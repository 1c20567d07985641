namespace Samsara.Alignment.Metrics;

/// <summary>A pairwise judgement from model A's side: A won, B won, or neither (judgements files: "A", "B", "tie").</summary>
public enum Verdict
{
    A,
    B,
    Tie,
}
