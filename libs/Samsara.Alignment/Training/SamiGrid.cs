using Samsara.Alignment.Datasets;

namespace Samsara.Alignment.Training;

/// <summary>
/// What SAMI scores for a batch of queries: each query's C training prompts (one per constitution), and its C²
/// (prompt, response) pairs in row-major order, constitution i × response j, as the reference implementation lays
/// out its batch. Prompt n·C + i is query n's prompt under constitution i.
/// </summary>
internal static class SamiGrid
{
    public static (string[] Prompts, (int Prompt, string Response)[] Pairs) Of(IReadOnlyList<SamiExample> queries, int c)
    {
        var prompts = queries.SelectMany(q => q.Constitutions.Select(constitution => TrainingPrompt.Format(constitution, q.Query))).ToArray();
        var pairs = queries.SelectMany((q, n) => from i in Enumerable.Range(0, c)
                                                 from j in Enumerable.Range(0, c)
                                                 select (n * c + i, q.Responses[j])).ToArray();
        return (prompts, pairs);
    }
}
