using Samsara.Alignment.Datasets;
using Samsara.Alignment.Training;
using Samsara.Engine;
using Samsara.Engine.Scoring;
using TorchSharp;

namespace Samsara.Alignment.Metrics;

/// <summary>
/// Scores each query's C responses under each of its C constitutions' training prompts (the layout SAMI trains on)
/// with one model, without gradients, and gives each query's <see cref="QueryMi"/>.
/// </summary>
public static class MutualInformationScoring
{
    public static IReadOnlyList<QueryMi> Score(LanguageModel model, IReadOnlyList<SamiExample> queries, int queriesPerBatch = 4, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(queries);
        using var noGrad = torch.no_grad();
        var scorer = new SharedPrefixScorer(model);
        var results = new List<QueryMi>(queries.Count);
        foreach (var batch in queries.Chunk(queriesPerBatch))
        {
            var c = batch[0].Constitutions.Count;
            if (batch.FirstOrDefault(q => q.Constitutions.Count != c || q.Responses.Count != c) is { } odd)
                throw new ArgumentException($"query '{odd.Id}' has {odd.Constitutions.Count} constitutions and {odd.Responses.Count} responses; MI needs C of each, the same C for all");
            using var scope = torch.NewDisposeScope();
            var (prompts, pairs) = SamiGrid.Of(batch, c);
            var scores = LogProbScorer.Gather(scorer.Distributions(prompts, pairs, [.. batch.SelectMany(q => Enumerable.Repeat(q.Id, c * c))]));
            var sums = scores.Sum.to(torch.ScalarType.Float64).data<double>().ToArray();
            var counts = scores.Count.data<float>().ToArray();
            for (var n = 0; n < batch.Length; n++)
            {
                var matrix = new double[c, c];
                for (var i = 0; i < c; i++)
                    for (var j = 0; j < c; j++)
                        matrix[i, j] = sums[(n * c + i) * c + j];
                var tokens = Enumerable.Range(0, c).Select(j => (int)counts[n * c * c + j]).ToArray();
                results.Add(MutualInformation.Of(batch[n].Id, batch[n].Category, matrix, tokens));
            }
            progress?.Invoke(results.Count);
        }
        return results;
    }
}
