using Samsara.Alignment.Filters;
using Samsara.Engine.Data;
using static Samsara.Alignment.Tests.GenerationLines;

namespace Samsara.Alignment.Tests.Filters;

public sealed class GenerationFilterTests
{
    private static IReadOnlyList<string> Failures(System.Text.Json.Nodes.JsonObject line, FilterConfig? config = null) =>
        new GenerationFilter(config ?? FilterConfig.Default).Failures(Record(line));

    [Fact]
    public void A_finished_clean_contrastive_pair_is_kept()
    {
        Assert.Empty(Failures(Pair(Long, Short)));
        // Which response is longer does not matter: LR and SR are by length, not by constitution.
        Assert.Empty(Failures(Pair(Short, Long)));
    }

    [Theory]
    [InlineData("eos", "eos", true)]
    [InlineData("stop", "eos", true)]
    [InlineData("eos", "length", false)]
    [InlineData("length", "stop", false)]
    public void Termination_needs_every_response_to_end_on_its_own(string first, string second, bool kept)
    {
        var line = Line("q", ["++", "--"], [Long, Short], [first, second]);
        Assert.Equal(kept ? [] : [FilterRules.Termination], Failures(line));
        Assert.Empty(Failures(line, FilterConfig.Default.Without(FilterRules.Termination)));
    }

    [Fact]
    public void Termination_looks_at_all_four_responses()
    {
        var line = Line("q", ["++", "+-", "-+", "--"], [Long, "a", "b", Short], ["eos", "eos", "length", "eos"]);
        Assert.Equal([FilterRules.Termination], Failures(line));
    }

    [Fact]
    public void An_empty_or_blank_response_fails_the_empty_rule_first()
    {
        var line = Line("q", ["++", "+-", "-+", "--"], [Long, " \n", "b", Short], ["eos", "eos", "eos", "eos"]);
        Assert.Equal([FilterRules.Empty], Failures(line));
        Assert.Empty(Failures(line, FilterConfig.Default.Without(FilterRules.Empty)));
        // The pair itself empty: contrast rules fail too (any length is ≥ 3 × 0, so not the ratio), but the
        // report counts the line under "empty", its first failure.
        Assert.Equal([FilterRules.Empty, FilterRules.ShortLength, FilterRules.PrefixDistance], Failures(Pair(Long, "")));
    }

    [Fact]
    public void Banned_substrings_are_found_in_any_response_ignoring_case_by_default()
    {
        Assert.Equal([FilterRules.Banned], Failures(Pair(Long + " HUMAN: thanks!", Short)));
        Assert.Equal([FilterRules.Banned], Failures(Pair(Long, Short + " [Insert name]")));
        Assert.Empty(Failures(Pair(Long + " HUMAN: thanks!", Short), FilterConfig.Default with { BannedIgnoreCase = false }));
        Assert.Empty(Failures(Pair(Long + " Human: thanks!", Short), FilterConfig.Default.Without(FilterRules.Banned)));
        var custom = FilterConfig.Default with { BannedSubstrings = ["apples"] };
        Assert.Equal([FilterRules.Banned], Failures(Pair(Long, Short), custom));
        Assert.Empty(Failures(Pair(Long.Replace("apples", "pears", StringComparison.Ordinal) + " Human:", Short), custom));   // the custom list replaces the default
    }

    [Fact]
    public void The_length_ratio_is_at_least_three_by_default_and_configurable()
    {
        var shorter = new string('s', 60);
        string Longer(int n) => string.Concat(Enumerable.Repeat("xyz", n / 3 + 1))[..n];
        Assert.Empty(Failures(Pair(Longer(180), shorter)));
        Assert.Equal([FilterRules.LengthRatio], Failures(Pair(Longer(179), shorter)));
        Assert.Empty(Failures(Pair(Longer(120), shorter), FilterConfig.Default with { MinLengthRatio = 2 }));
        Assert.Empty(Failures(Pair(Longer(61), shorter), FilterConfig.Default.Without(FilterRules.LengthRatio)));
    }

    [Fact]
    public void The_shorter_response_needs_fifty_code_points_by_default()
    {
        Assert.Empty(Failures(Pair(new string('x', 200), new string('s', 50))));
        Assert.Equal([FilterRules.ShortLength], Failures(Pair(new string('x', 200), new string('s', 49))));
        Assert.Empty(Failures(Pair(new string('x', 200), new string('s', 40)), FilterConfig.Default with { MinShortLength = 40 }));
        Assert.Empty(Failures(Pair(new string('x', 200), new string('s', 10)), FilterConfig.Default.Without(FilterRules.ShortLength)));
        // 49 emoji are 98 UTF-16 units but 49 characters.
        var emoji = string.Concat(Enumerable.Repeat("😀", 49));
        Assert.Equal([FilterRules.ShortLength], Failures(Pair(new string('x', 200), emoji)));
    }

    [Fact]
    public void The_prefix_of_the_longer_must_differ_from_the_shorter_by_more_than_half_its_length()
    {
        // SR = 60 × 'a'; LR's first 60 characters have k 'b's then 'a's, so the prefix distance is exactly k.
        var shorter = new string('a', 60);
        string Longer(int k) => new string('b', k) + new string('a', 60 - k) + new string('c', 200);
        Assert.Equal([FilterRules.PrefixDistance], Failures(Pair(Longer(30), shorter)));   // 30 > 30 is false
        Assert.Empty(Failures(Pair(Longer(31), shorter)));
        Assert.Equal([FilterRules.PrefixDistance], Failures(Pair(Long, Long[..60])));      // LR merely extends SR
        Assert.Empty(Failures(Pair(Longer(20), shorter), FilterConfig.Default with { MinPrefixDistance = 0.3 }));
        Assert.Empty(Failures(Pair(Longer(0), shorter), FilterConfig.Default.Without(FilterRules.PrefixDistance)));
    }

    [Fact]
    public void With_four_constitutions_only_the_positive_and_antithesis_responses_are_contrasted()
    {
        // The mixed constitutions' responses would fail every contrast rule if they were compared.
        var line = Line("q", ["-+", "--", "+-", "++"], ["tiny", Short, "tiny", Long], ["eos", "eos", "eos", "eos"]);
        Assert.Empty(Failures(line));
    }

    [Fact]
    public void Contrast_rules_need_signs_and_say_so_by_line()
    {
        var line = Pair(Long, Short);
        line.Remove("signs");
        var e = Assert.Throws<JsonlException>(() => Failures(line));
        Assert.Contains("gen.jsonl:1: field \"signs\" is missing", e.Message);
        var responsesOnly = FilterRules.All.Where(r => r is FilterRules.LengthRatio or FilterRules.ShortLength or FilterRules.PrefixDistance)
            .Aggregate(FilterConfig.Default, (c, r) => c.Without(r));
        Assert.Empty(Failures(line, responsesOnly));
    }

    [Fact]
    public void An_unknown_rule_name_is_refused_with_the_known_ones()
    {
        var e = Assert.Throws<FilterConfigException>(() => FilterConfig.Default.Without("lenght_ratio"));
        Assert.Contains("unknown filter rule \"lenght_ratio\" (rules: termination, empty, banned, length_ratio, short_length, prefix_distance)", e.Message);
    }
}
