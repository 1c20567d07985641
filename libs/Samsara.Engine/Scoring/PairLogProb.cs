namespace Samsara.Engine.Scoring;

/// <summary>log π(response | prompt) over the response tokens and EOS: their sum, mean and count.</summary>
public sealed record PairLogProb(double Sum, double Mean, int Count);
