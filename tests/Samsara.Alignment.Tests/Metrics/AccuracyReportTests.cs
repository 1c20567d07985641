using Samsara.Alignment.Metrics;

namespace Samsara.Alignment.Tests.Metrics;

public sealed class AccuracyReportTests
{
    private static readonly EvalSettings Settings = new() { Model = "m", Data = "d", Samples = 4, Ks = [2, 1, 4] };

    private static EvalQuestion Question(string id, string reference) => new(id, $"Q{id}", reference, $"d:1: question '{id}'");

    [Fact]
    public void Pass_at_k_is_per_extractor_and_k()
    {
        var q1 = Question("1", "18");
        var q2 = Question("2", "7");
        // q1: strict right in 1 of 4, flexible and paper in 2 (the third reads 17 both ways), the fourth has no number.
        // q2: nothing right; two samples have no number at all.
        var samples = new[]
        {
            ScoredSample.Score(q1, 0, "9 * 2 = 18\n#### 18", "eos"),
            ScoredSample.Score(q1, 1, "9 * 2 = 18 dollars", "eos"),
            ScoredSample.Score(q1, 2, "so = 18, oh wait 17", "stop"),
            ScoredSample.Score(q1, 3, "no idea", "length"),
            ScoredSample.Score(q2, 0, "8", "eos"),
            ScoredSample.Score(q2, 1, "#### 6", "eos"),
            ScoredSample.Score(q2, 2, "none", "eos"),
            ScoredSample.Score(q2, 3, "none", "eos"),
        };
        var report = AccuracyReport.Compute(Settings, [q1, q2], samples);
        Assert.Equal(2, report.Questions);
        Assert.Equal([1, 2, 4], report.PassAtK["strict"].Keys.Order());
        Assert.Equal((0.25 + 0) / 2, report.PassAtK["strict"][1], 12);
        Assert.Equal((0.5 + 0) / 2, report.PassAtK["flexible"][1], 12);
        Assert.Equal((1 - 1.0 / 6 + 0) / 2, report.PassAtK["flexible"][2], 12);   // 1 − C(2,2)/C(4,2)
        Assert.Equal((0.5 + 0) / 2, report.PassAtK["paper"][1], 12);            // "so = 18, oh wait 17" reads 17
        Assert.Equal(0.5, report.PassAtK["paper"][4], 12);
        Assert.Equal(2.0 / 8, report.Answered["strict"], 12);
        Assert.Equal(5.0 / 8, report.Answered["flexible"], 12);

        var json = report.ToJson();
        Assert.Equal(4, json["n"]!.GetValue<int>());
        Assert.Equal(2, json["questions"]!.GetValue<int>());
        Assert.Equal("[1,2,4]", json["k"]!.ToJsonString());
        Assert.Equal(report.PassAtK["flexible"][2], json["pass_at_k"]!["flexible"]!["2"]!.GetValue<double>());
    }

    [Fact]
    public void A_question_short_of_samples_is_an_error_not_a_skewed_mean()
    {
        var q = Question("1", "1");
        Assert.Throws<InvalidOperationException>(() => AccuracyReport.Compute(Settings, [q], [ScoredSample.Score(q, 0, "1", "eos")]));
    }
}
