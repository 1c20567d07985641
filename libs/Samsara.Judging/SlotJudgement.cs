namespace Samsara.Judging;

/// <summary>One judge call's verdict by position and what the judge said (its text, or a backend's account of its scores).</summary>
public sealed record SlotJudgement(SlotVerdict Verdict, string Raw);
