using Samsara.Alignment.Filters;

namespace Samsara.Alignment.Tests.Filters;

public sealed class FilterConfigTests
{
    private static FilterConfig Load(TempDirectory dir, string json)
    {
        var path = dir.File("filter.json");
        File.WriteAllText(path, json);
        return FilterConfig.Load(path);
    }

    [Fact]
    public void Defaults_are_the_papers_thresholds_with_every_rule_on()
    {
        var config = FilterConfig.Default;
        Assert.All(FilterRules.All, rule => Assert.True(config.IsEnabled(rule), rule));
        Assert.Equal((3.0, 50, 0.5), (config.MinLengthRatio, config.MinShortLength, config.MinPrefixDistance));
        Assert.Contains("Human:", config.BannedSubstrings);
    }

    [Fact]
    public void A_file_sets_rules_on_or_off_and_thresholds_and_keeps_defaults_elsewhere()
    {
        using var dir = new TempDirectory();
        var config = Load(dir, """
            {
              "termination": false,
              "banned": {"substrings": ["foo", "bar"], "ignore_case": false},
              "length_ratio": {"min_ratio": 2.5},
              "short_length": {"enabled": false, "min_chars": 10},
              // comments are allowed in config files
              "prefix_distance": {"enabled": true, "min_fraction": 0.25}
            }
            """);
        Assert.False(config.IsEnabled(FilterRules.Termination));
        Assert.True(config.IsEnabled(FilterRules.Empty));
        Assert.True(config.IsEnabled(FilterRules.Banned));
        Assert.Equal(["foo", "bar"], config.BannedSubstrings);
        Assert.False(config.BannedIgnoreCase);
        Assert.Equal(2.5, config.MinLengthRatio);
        Assert.False(config.IsEnabled(FilterRules.ShortLength));
        Assert.Equal(10, config.MinShortLength);
        Assert.Equal(0.25, config.MinPrefixDistance);
    }

    [Fact]
    public void The_config_written_into_reports_reads_back_the_same()
    {
        using var dir = new TempDirectory();
        var original = FilterConfig.Default.Without(FilterRules.Empty) with { MinLengthRatio = 4, BannedSubstrings = ["x"] };
        var reread = Load(dir, original.ToJson().ToJsonString());
        Assert.Equal(original.ToJson().ToJsonString(), reread.ToJson().ToJsonString());
        Assert.False(reread.IsEnabled(FilterRules.Empty));
    }

    [Theory]
    [InlineData("{\"length_ratio\": ", "filter.json: not valid JSON")]
    [InlineData("[]", "filter.json: expected a JSON object")]
    [InlineData("{\"lenght_ratio\": {\"min_ratio\": 2}}", "filter.json: unknown rule \"lenght_ratio\"")]
    [InlineData("{\"length_ratio\": {\"ratio\": 2}}", "filter.json: \"length_ratio\" has no setting \"ratio\" (it has: enabled, min_ratio)")]
    [InlineData("{\"short_length\": {\"min_chars\": \"fifty\"}}", "filter.json: \"short_length\": \"min_chars\" must be an integer")]
    [InlineData("{\"banned\": {\"substrings\": \"Human:\"}}", "filter.json: \"banned\": \"substrings\" must be a list of strings")]
    [InlineData("{\"empty\": \"yes\"}", "filter.json: \"empty\" must be true, false or an object")]
    [InlineData("{\"termination\": {\"enabled\": 1}}", "filter.json: \"termination\": \"enabled\" must be true or false")]
    [InlineData("{\"length_ratio\": {\"min_ratio\": 0.5}}", "filter.json: length_ratio ratio must be ≥ 1, not 0.5")]
    [InlineData("{\"banned\": {\"substrings\": [\"\"]}}", "filter.json: banned substrings must not be empty")]
    public void Bad_files_are_errors_naming_the_file_and_field(string json, string expected)
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<FilterConfigException>(() => Load(dir, json));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith(dir.Path, e.Message);
    }
}
