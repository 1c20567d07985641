using System.Xml.Linq;
using Samsara.Engine.Data;
using Samsara.Judging.Reports;

namespace Samsara.Judging.Tests;

public sealed class ReportTests
{
    private const string EvalJson = """
        {"model": "/m", "n": 32, "questions": 50, "k": [1, 10, 32],
         "pass_at_k": {"strict": {"1": 0.2, "10": 0.55, "32": 0.7}, "flexible": {"1": 0.3, "10": 0.6, "32": 0.75}},
         "answered": {"strict": 0.9, "flexible": 1.0}}
        """;

    [Fact]
    public void Pass_at_k_curves_are_read_from_eval_json_and_drawn()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("sami"));
        File.WriteAllText(dir.File("sami/eval.json"), EvalJson);
        var curve = EvalCurve.Read(dir.File("sami/eval.json"));
        Assert.Equal(("sami", 50, 32), (curve.Label, curve.Questions, curve.Samples));
        Assert.Equal([(1, 0.2), (10, 0.55), (32, 0.7)], curve.ByExtractor["strict"]);

        var files = ReportWriter.Write(dir.File("out"), null, [curve]);
        Assert.Equal(["passatk.svg", "report.json", "report.md"], files.Select(Path.GetFileName));
        var svg = XDocument.Load(dir.File("out/passatk.svg"));
        Assert.Equal(2, svg.Descendants().Count(e => e.Name.LocalName == "polyline"));
        Assert.Contains("| sami | strict | 50 | 32 | 0.2000 | 0.5500 | 0.7000 |", File.ReadAllText(dir.File("out/report.md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "no \"pass_at_k\" object")]
    [InlineData("[1]", "no \"pass_at_k\" object")]
    [InlineData("{\"pass_at_k\": {\"strict\": {\"0\": 0.5}}}", "not a k ≥ 1")]
    [InlineData("{\"pass_at_k\": {\"strict\": {\"1\": 1.5}}}", "a number in [0, 1]")]
    [InlineData("{", "not valid JSON")]
    public void A_bad_eval_file_is_an_error_naming_the_problem(string text, string problem)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("eval.json"), text);
        Assert.Contains(problem, Assert.Throws<JsonlException>(() => EvalCurve.Read(dir.File("eval.json"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Judgements_of_different_comparisons_are_not_mixed_into_one_rate()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("j.jsonl"), """
            {"id":"1","category":"math","model_a":"x","model_b":"y","verdict":"A","order":"AB","raw":"[[A]]"}
            {"id":"2","category":"math","model_a":"x","model_b":"z","verdict":"B","order":"BA","raw":"[[A]]"}
            """);
        var e = Assert.Throws<ArgumentException>(() => JudgementSummary.Compute(JudgementJson.Read(dir.File("j.jsonl"))));
        Assert.Contains("mix 2 model Bs", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "no judgements")]
    [InlineData("{\"id\":\"1\",\"category\":\"m\",\"model_a\":\"x\",\"model_b\":\"y\",\"verdict\":\"win\",\"order\":\"AB\"}", "verdict \"win\" is not")]
    [InlineData("{\"id\":\"1\",\"category\":\"m\",\"model_a\":\"x\",\"model_b\":\"y\",\"verdict\":\"A\",\"order\":\"ABC\"}", "order \"ABC\" is not")]
    public void A_bad_judgements_file_is_an_error_naming_the_line(string text, string problem)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("j.jsonl"), text);
        Assert.Contains(problem, Assert.Throws<JsonlException>(() => JudgementJson.Read(dir.File("j.jsonl"))).Message, StringComparison.Ordinal);
    }
}
