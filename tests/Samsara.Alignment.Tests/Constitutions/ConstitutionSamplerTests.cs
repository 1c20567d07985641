using Samsara.Alignment.Constitutions;

namespace Samsara.Alignment.Tests.Constitutions;

public sealed class ConstitutionSamplerTests
{
    private static readonly string[] AllSigns = ["++", "+-", "-+", "--"];

    private static readonly PrincipleSet Set = PrincipleSet.Default;

    [Fact]
    public void Four_distinct_constitutions_cover_every_sign_pattern_positive_first()
    {
        var constitutions = new ConstitutionSampler(Set, seed: 1).Sample("q1", "math");
        Assert.Equal(AllSigns, constitutions.Select(c => c.Signs));
        Assert.Equal(4, constitutions.Select(c => c.Text).Distinct().Count());
        Assert.True(constitutions[0].IsPositive);
        Assert.True(constitutions[3].IsAntithesis);
        Assert.False(constitutions[1].IsPositive || constitutions[1].IsAntithesis);
    }

    [Theory]
    [InlineData("math")]
    [InlineData("writing")]
    [InlineData("coding")]
    public void Each_text_is_the_numbered_list_of_signed_wordings_in_the_written_order(string category)
    {
        var canonical = Set.ForCategory(category);
        foreach (var id in new[] { "a", "b", "c", "d", "e" })
            foreach (var c in new ConstitutionSampler(Set, seed: 9).Sample(id, category))
            {
                var wordings = c.WrittenOrder.Select(pid =>
                {
                    var k = canonical.ToList().FindIndex(p => p.Id == pid);
                    return c.Signs[k] == '+' ? canonical[k].Strong : canonical[k].Antithesis;
                }).ToArray();
                Assert.Equal($"1. {wordings[0]}\n2. {wordings[1]}", c.Text);
                Assert.Equal(canonical.Select(p => p.Id).Order(), c.WrittenOrder.Order());
            }
    }

    [Fact]
    public void Two_per_query_are_the_positive_constitution_and_its_antithesis()
    {
        var constitutions = new ConstitutionSampler(Set, seed: 1, perQuery: 2).Sample("q1", "coding");
        Assert.Equal(["++", "--"], constitutions.Select(c => c.Signs));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void Other_counts_are_refused(int count)
    {
        var e = Assert.Throws<ArgumentException>(() => new ConstitutionSampler(Set, 0, count));
        Assert.Contains($"not {count}", e.Message);
    }

    [Fact]
    public void Draws_depend_only_on_seed_and_query_id()
    {
        var first = new ConstitutionSampler(Set, seed: 5);
        var second = new ConstitutionSampler(Set, seed: 5);
        var expected = first.Sample("q42", "stem").Select(c => c.Text).ToArray();
        // Other queries drawn before it (a different file order, or a resumed run) change nothing.
        foreach (var other in new[] { "q1", "q2", "q3" }) second.Sample(other, "writing");
        Assert.Equal(expected, second.Sample("q42", "stem").Select(c => c.Text));
        Assert.Equal(expected, first.Sample("q42", "stem").Select(c => c.Text));
    }

    [Fact]
    public void Different_seeds_shuffle_differently_and_orders_are_balanced()
    {
        var ids = Enumerable.Range(0, 2000).Select(i => $"q{i}").ToArray();
        string[] Orders(ulong seed) => ids.Select(id => string.Join("|", new ConstitutionSampler(Set, seed).Sample(id, "math")
            .SelectMany(c => c.WrittenOrder))).ToArray();
        var one = Orders(1);
        var two = Orders(2);
        var differing = one.Zip(two).Count(p => p.First != p.Second);
        // Four independent fair coins per query: the orders agree with probability 1/16.
        Assert.InRange(differing, 1800, 1950);
        // Each principle is written first about half the time.
        var firstIsCanonicalFirst = ids.Sum(id => new ConstitutionSampler(Set, 1).Sample(id, "math").Count(c => c.WrittenOrder[0] == "worked-steps"));
        Assert.InRange(firstIsCanonicalFirst / (4.0 * ids.Length), 0.47, 0.53);
    }

    [Fact]
    public void The_evaluation_constitution_lists_the_weak_wordings_in_a_seeded_order()
    {
        var sampler = new ConstitutionSampler(Set, seed: 3);
        var canonical = Set.ForCategory("extraction");
        var seen = new HashSet<string>();
        foreach (var id in Enumerable.Range(0, 40).Select(i => $"e{i}"))
        {
            var c = sampler.Evaluation(id, "extraction");
            var weak = c.WrittenOrder.Select(pid => canonical.Single(p => p.Id == pid).Weak).ToArray();
            Assert.Equal($"1. {weak[0]}\n2. {weak[1]}", c.Text);
            Assert.Equal("++", c.Signs);
            var again = new ConstitutionSampler(Set, seed: 3).Evaluation(id, "extraction");
            Assert.Equal((c.Text, c.Signs), (again.Text, again.Signs));
            seen.Add(c.Text);
        }
        Assert.Equal(2, seen.Count);   // both orders occur
    }

    [Fact]
    public void Constitutions_are_numbered_one_per_line()
    {
        Assert.Equal("1. a\n2. b\n3. c", Constitution.Number(["a", "b", "c"]));
    }
}
