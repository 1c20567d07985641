using System.Text.Json.Nodes;
using Samsara.Testing;

namespace Samsara.Cli.Tests;

/// <summary>`samsara judge` then `samsara report` as a user runs them, on slices of the multi-task paper's real outputs.</summary>
public sealed class JudgeAndReportCliTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private string Slice(string model, int perCategory) => RealData.MultitaskResponses(model, perCategory, dir.File($"{model}-{perCategory}.json"));

    [DataFact]
    public void Rubric_judgements_feed_a_report_whose_numbers_are_the_judgements()
    {
        var judgements = dir.File("judgements.jsonl");
        string[] judge = ["judge", "--a", Slice("SAMI-epoch-0.2-wBJc5j", 2), "--b", Slice("SFT", 2), "--judge", "rubric", "--out", judgements];

        var run = SamsaraProcess.Run(judge);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = File.ReadAllLines(judgements).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(16, lines.Count);   // two questions from each of the eight categories
        Assert.Equal(8, lines.Select(l => l["category"]!.GetValue<string>()).Distinct().Count());
        Assert.All(lines, l => Assert.Equal("both", l["order"]!.GetValue<string>()));
        var verdicts = lines.Select(l => l["verdict"]!.GetValue<string>()).ToList();
        var (wins, ties, losses) = (verdicts.Count(v => v == "A"), verdicts.Count(v => v == "tie"), verdicts.Count(v => v == "B"));
        Assert.Equal(16, wins + ties + losses);
        Assert.Contains("16 items judged by rubric", run.Stdout);
        Assert.Contains("32 judge calls, 0 from the cache", run.Stdout);
        Assert.Contains($"{wins} wins, {ties} ties, {losses} losses", run.Stdout);

        var rerun = SamsaraProcess.Run(judge);
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        Assert.Contains("32 judge calls, 32 from the cache", rerun.Stdout);

        var reportDir = dir.File("report");
        var report = SamsaraProcess.Run("report", "--judgements", judgements, "--out", reportDir);

        Assert.True(report.ExitCode == 0, report.Stderr);
        foreach (var file in new[] { "report.md", "report.json", "winrates.svg" })
            Assert.True(new FileInfo(Path.Combine(reportDir, file)).Length > 0, file);
        Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(reportDir, "winrates.svg")).TrimStart(), StringComparison.Ordinal);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(reportDir, "report.json")))!["judgements"]!;
        var overall = json["overall"]!;
        Assert.Equal((16, wins, ties, losses), (overall["n"]!.GetValue<int>(), overall["wins"]!.GetValue<int>(), overall["ties"]!.GetValue<int>(), overall["losses"]!.GetValue<int>()));
        Assert.Equal((wins + 0.5 * ties) / 16, overall["win_rate"]!.GetValue<double>(), 12);
        Assert.Equal(32, overall["calls"]!.GetValue<int>());
        foreach (var (category, rate) in json["by_category"]!.AsObject())
        {
            var mine = lines.Where(l => l["category"]!.GetValue<string>() == category).Select(l => l["verdict"]!.GetValue<string>()).ToList();
            Assert.Equal(2, rate!["n"]!.GetValue<int>());
            Assert.Equal((mine.Count(v => v == "A") + 0.5 * mine.Count(v => v == "tie")) / 2, rate["win_rate"]!.GetValue<double>(), 12);
        }
        Assert.Contains($"| **overall** | 16 | {wins} | {ties} | {losses} |", File.ReadAllText(Path.Combine(reportDir, "report.md")));
    }

    [DataFact]
    public void Answers_on_different_ids_fail_with_one_line_and_no_output()
    {
        var output = dir.File("judgements.jsonl");

        var run = SamsaraProcess.Run("judge", "--a", Slice("SAMI-epoch-0.2-wBJc5j", 2), "--b", Slice("SFT", 3), "--judge", "rubric", "--out", output);

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("samsara: error: the ids of", error, StringComparison.Ordinal);
        Assert.Contains("none only in A, 8 (", error);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(dir.Path, "judgements.jsonl*"));   // no cache or ledger either
    }

    [DataFact]
    public void An_empty_answers_file_or_judgements_file_fails_with_one_line_and_no_output()
    {
        var empty = dir.File("empty.jsonl");
        File.WriteAllText(empty, "");
        var output = dir.File("judgements.jsonl");
        var reportDir = dir.File("report");

        var judge = SamsaraProcess.Run("judge", "--a", empty, "--b", Slice("SFT", 1), "--judge", "rubric", "--out", output);
        var report = SamsaraProcess.Run("report", "--judgements", empty, "--out", reportDir);

        Assert.Equal(1, judge.ExitCode);
        Assert.Equal($"samsara: error: {empty}: no answers (the file is empty)", Assert.Single(judge.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.False(File.Exists(output));
        Assert.Equal(1, report.ExitCode);
        Assert.Equal($"samsara: error: {empty}: no judgements (the file is empty)", Assert.Single(report.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.False(Directory.Exists(reportDir));
    }
}
