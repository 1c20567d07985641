using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Scoring;

/// <summary>
/// Log-softmax over the vocabulary at every position (B, L, V), the next-token targets (B, L), the mask of
/// scored positions (B, L) — the response tokens and EOS — and the count of real input tokens.
/// </summary>
public sealed record TokenDistributions(Tensor LogProbs, Tensor Targets, Tensor Mask, long Tokens);
