using Samsara.Torch;

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
        long n = m.Size(0), c = m.Size(1);
        if (m.Size(2) != c) throw new ArgumentException($"SAMI needs square C×C matrices, got [{string.Join(", ", m.Shape)}]");
        var diagonal = Torch.Torch.Arange(0, c, device: m.Device).Reshape(1, c, 1).Expand(n, c, 1);   // (N, C, 1)
        var rowLogProbs = NN.LogSoftmax(m, 2).Gather(2, diagonal).Squeeze(-1);                 // log softmax_j M[i, ·] at j = i
        var columnLogProbs = NN.LogSoftmax(m, 1).Transpose(1, 2).Gather(2, diagonal).Squeeze(-1); // log softmax_i M[·, j] at i = j
        var rowLoss = -rowLogProbs.Mean(1);                                                     // (N)
        var columnLoss = -columnLogProbs.Mean(1);                                               // (N)
        return new SamiLossOutput((rowLoss + columnLoss) * 0.5, rowLoss.Detach(), columnLoss.Detach(), Math.Log(c));
    }
}

/// <summary>Per-query SAMI losses (N), differentiable, with their row and column halves.</summary>
public sealed record SamiLossOutput(Tensor Loss, Tensor RowLoss, Tensor ColumnLoss, double LogC)
{
    /// <summary>log C − L per query: the mutual-information lower bound the loss maximises.</summary>
    public Tensor MiLowerBound => LogC - Loss.Detach();
}
