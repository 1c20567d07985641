using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Alignment.Losses;

/// <summary>
/// SAMI: Self-Supervised Alignment with Mutual Information (Fränken et al. 2024, arXiv:2404.14313).
/// For one query, M[i, j] = mean over response tokens of log π(y_j | prompt(c_i, x)), with y_j written under c_j.
/// L = ½[CE(softmax over responses of each row, its diagonal) + CE(softmax over constitutions of each column, its
/// diagonal)], each averaged over the C rows / columns: an InfoNCE bound, so log C − L lower-bounds the mutual
/// information between constitutions and responses. No temperature and no reference model, as in the paper.
/// </summary>
public static class SamiLoss
{
    /// <summary>Per-query losses for matrices M (N, C, C): rows constitutions, columns responses.</summary>
    public static SamiLossOutput Compute(Tensor m)
    {
        long n = m.size(0), c = m.size(1);
        if (m.size(2) != c) throw new ArgumentException($"SAMI needs square C×C matrices, got [{string.Join(", ", m.shape)}]");
        var diagonal = torch.arange(0, c, device: m.device).reshape(1, c, 1).expand(n, c, 1);   // (N, C, 1)
        var rowLogProbs = nn.functional.log_softmax(m, 2).gather(2, diagonal).squeeze(-1);                 // log softmax_j M[i, ·] at j = i
        var columnLogProbs = nn.functional.log_softmax(m, 1).transpose(1, 2).gather(2, diagonal).squeeze(-1); // log softmax_i M[·, j] at i = j
        var rowLoss = -rowLogProbs.mean([1]);                                                     // (N)
        var columnLoss = -columnLogProbs.mean([1]);                                               // (N)
        return new SamiLossOutput(rowLoss.Plus(columnLoss).Times(0.5), rowLoss.detach(), columnLoss.detach(), Math.Log(c));
    }
}

/// <summary>Per-query SAMI losses (N), differentiable, with their row and column halves.</summary>
public sealed record SamiLossOutput(Tensor Loss, Tensor RowLoss, Tensor ColumnLoss, double LogC)
{
    /// <summary>log C − L per query: the mutual-information lower bound the loss maximises.</summary>
    public Tensor MiLowerBound => Loss.detach().SubtractedFrom(LogC);
}
