using Samsara.Alignment.Internal;

namespace Samsara.Alignment.Constitutions;

/// <summary>
/// Draws the constitutions a query's responses are generated under (docs/architecture.md §11): with two principles per
/// category, the four sign patterns {strong, antithesis}² ("++", "+-", "-+", "--", in that order), or with two per
/// query only "++" and "--". Each constitution lists its principles in its own random order, so the model cannot
/// tell polarity by position. The draws depend only on (seed, query id): rerunning, resuming or sharding a run
/// gives every query the same constitutions.
/// </summary>
public sealed class ConstitutionSampler
{
    public ConstitutionSampler(PrincipleSet principles, ulong seed, int perQuery = 4)
    {
        if (perQuery is not (2 or 4))
            throw new ArgumentException($"constitutions per query must be 2 (all strong, all antithesis) or 4 (every sign pattern), not {perQuery}");
        Principles = principles;
        Seed = seed;
        PerQuery = perQuery;
    }

    public PrincipleSet Principles { get; }

    public ulong Seed { get; }

    /// <summary>C: 4 = every sign pattern, 2 = the positive constitution and its antithesis.</summary>
    public int PerQuery { get; }

    /// <summary>The C constitutions of a query, positive first and all-antithesis last.</summary>
    public IReadOnlyList<Constitution> Sample(string queryId, string category)
    {
        var principles = Principles.ForCategory(category);
        var random = SeededRandom.For(Seed, "generation", queryId);
        return SignPatterns(principles.Count).Select(signs =>
        {
            var order = random.Shuffled(Enumerable.Range(0, principles.Count).ToArray());
            var text = Constitution.Number(order.Select(k => signs[k] == Constitution.Strong ? principles[k].Strong : principles[k].Antithesis));
            return new Constitution(text, signs, order.Select(k => principles[k].Id).ToArray());
        }).ToArray();
    }

    /// <summary>The evaluation constitution: every principle's weak wording, in a random order per query.</summary>
    public Constitution Evaluation(string queryId, string category)
    {
        var principles = Principles.ForCategory(category);
        var order = SeededRandom.For(Seed, "evaluation", queryId).Shuffled(principles);
        return new Constitution(Constitution.Number(order.Select(p => p.Weak)), new string(Constitution.Strong, principles.Count),
            order.Select(p => p.Id).ToArray());
    }

    // Binary counting with '+' as 0: "++", "+-", "-+", "--" for two principles; C = 2 keeps the two extremes.
    private string[] SignPatterns(int principles)
    {
        var all = Enumerable.Range(0, 1 << principles)
            .Select(bits => new string(Enumerable.Range(0, principles)
                .Select(k => (bits >> (principles - 1 - k) & 1) == 0 ? Constitution.Strong : Constitution.Antithesis).ToArray()))
            .ToArray();
        return PerQuery == all.Length ? all : [all[0], all[^1]];
    }
}
