namespace Samsara.Judging.Items;

/// <summary>
/// Pairs two models' answers by id. Judging is only meaningful on the same questions, so any difference (an id on
/// one side only, a different question or category for the same id) is an error naming it, never a silent subset.
/// </summary>
public static class PairwiseItems
{
    private const int Shown = 5;

    /// <summary>The items in A's order.</summary>
    public static IReadOnlyList<PairwiseItem> Pair(AnswerSet a, AnswerSet b)
    {
        var byId = b.Answers.ToDictionary(x => x.Id, StringComparer.Ordinal);
        var onlyA = a.Answers.Select(x => x.Id).Where(id => !byId.ContainsKey(id)).ToList();
        var idsA = a.Answers.Select(x => x.Id).ToHashSet(StringComparer.Ordinal);
        var onlyB = b.Answers.Select(x => x.Id).Where(id => !idsA.Contains(id)).ToList();
        if (onlyA.Count > 0 || onlyB.Count > 0)
            throw new ArgumentException(
                $"the ids of {a.Source} and {b.Source} do not match: {Describe(onlyA)} only in A, {Describe(onlyB)} only in B; " +
                "both files must answer the same questions");
        return a.Answers.Select(x =>
        {
            var y = byId[x.Id];
            if (x.Question != y.Question) throw new ArgumentException($"id '{x.Id}': {a.Source} and {b.Source} hold different questions");
            if (!string.Equals(x.Category, y.Category, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"id '{x.Id}': category '{x.Category}' in {a.Source} but '{y.Category}' in {b.Source}");
            if (x.Constitution is not null && y.Constitution is not null && x.Constitution != y.Constitution)
                throw new ArgumentException($"id '{x.Id}': {a.Source} and {b.Source} were written under different constitutions, so neither can be judged against one");
            return new PairwiseItem(x.Id, x.Category, x.Question, x.Constitution ?? y.Constitution, x.Response, y.Response);
        }).ToList();
    }

    private static string Describe(List<string> ids) =>
        ids.Count == 0 ? "none" : $"{ids.Count} ({string.Join(", ", ids.Take(Shown).Select(id => $"'{id}'"))}{(ids.Count > Shown ? ", …" : "")})";
}
