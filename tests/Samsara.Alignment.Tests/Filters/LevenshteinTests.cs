using Samsara.Alignment.Filters;

namespace Samsara.Alignment.Tests.Filters;

public sealed class LevenshteinTests
{
    // Letters, an accented letter, a combining mark, CJK and astral-plane emoji (two UTF-16 units each).
    private static readonly string[] Alphabet = ["a", "b", "c", "é", "\u0301", "字", "😀", "🎉"];

    /// <summary>The full-table dynamic programme over code points, written independently of the library.</summary>
    private static int Naive(string a, string b)
    {
        var x = a.EnumerateRunes().ToArray();
        var y = b.EnumerateRunes().ToArray();
        var d = new int[x.Length + 1, y.Length + 1];
        for (var i = 0; i <= x.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= y.Length; j++) d[0, j] = j;
        for (var i = 1; i <= x.Length; i++)
            for (var j = 1; j <= y.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1));
        return d[x.Length, y.Length];
    }

    private static IEnumerable<(string A, string B)> RandomPairs(int count, int seed)
    {
        var random = new Random(seed);
        string Next(int alphabet) => string.Concat(Enumerable.Range(0, random.Next(0, 30)).Select(_ => Alphabet[random.Next(alphabet)]));
        for (var i = 0; i < count; i++)
        {
            // Small alphabets make close pairs (long common runs); large ones make distant pairs.
            var alphabet = random.Next(1, Alphabet.Length + 1);
            var a = Next(alphabet);
            // Some pairs are edits of each other, as near-copies in the filter are.
            yield return (a, random.Next(3) == 0 ? a[..(a.Length / 2)] + Next(alphabet) : Next(alphabet));
        }
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("héllo", "hello", 1)]
    [InlineData("😀a", "a", 1)]
    [InlineData("😀", "🎉", 1)]
    public void Known_distances(string a, string b, int expected)
    {
        Assert.Equal(expected, Levenshtein.Distance(a, b));
        Assert.Equal(expected, Levenshtein.Distance(b, a));
    }

    [Fact]
    public void Lengths_count_code_points_not_utf16_units()
    {
        Assert.Equal(3, Levenshtein.CodePoints("a😀é").Length);
    }

    [Fact]
    public void Two_row_distance_matches_the_full_table_on_random_strings()
    {
        foreach (var (a, b) in RandomPairs(600, seed: 1))
            Assert.True(Naive(a, b) == Levenshtein.Distance(a, b), $"'{a}' vs '{b}'");
    }

    [Fact]
    public void Bounded_distance_is_exact_up_to_the_bound_and_says_more_beyond()
    {
        foreach (var (a, b) in RandomPairs(400, seed: 2))
        {
            var d = Naive(a, b);
            int[] x = Levenshtein.CodePoints(a), y = Levenshtein.CodePoints(b);
            for (var bound = 0; bound <= Math.Max(x.Length, y.Length) + 1; bound++)
            {
                var expected = d <= bound ? d : bound + 1;
                Assert.True(expected == Levenshtein.Bounded(x, y, bound), $"'{a}' vs '{b}', bound {bound}: distance {d}");
            }
        }
    }

    [Fact]
    public void A_negative_bound_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Levenshtein.Bounded([1], [2], -1));
    }
}
