using Samsara.Judging.Backends;
using Samsara.Judging.Items;
using Samsara.Judging.Prompts;
using Samsara.Judging.Rubric;

namespace Samsara.Judging.Tests;

public sealed class RubricTests
{
    [Theory]
    [InlineData("latex", "The area is $\\pi r^2$.", true)]
    [InlineData("latex", "We get \\frac{1}{2}.", true)]
    [InlineData("latex", "The area is pi r squared, about $3.", false)]
    [InlineData("steps", "1. Add 2 and 3.\n2. Double it.\nThe answer is 10.", true)]
    [InlineData("steps", "First, add. Then, double.", true)]
    [InlineData("steps", "It is 10.", false)]
    [InlineData("final-answer", "Work.\n\nThe final answer is 10.", true)]
    [InlineData("final-answer", "#### 10\n", true)]
    [InlineData("final-answer", "10 is the answer to this.\nHope that is clear", false)]
    [InlineData("polite", "Thank you for asking!", true)]
    [InlineData("polite", "Figure it out yourself.", false)]
    [InlineData("fenced-code", "```python\nprint(1)\n```", true)]
    [InlineData("fenced-code", "print(1)", false)]
    [InlineData("explain-first", "We loop over the list once, keeping the best value seen so far, which takes linear time overall.\n```python\nmax(xs)\n```", true)]
    [InlineData("explain-first", "Here:\n```python\nmax(xs)\n```", false)]
    [InlineData("words<=3", "one two three", true)]
    [InlineData("words<=3", "one two three four", false)]
    public void Each_check_tests_what_its_name_says(string check, string response, bool passes) =>
        Assert.Equal(passes, RubricChecks.Parse(check).Passes(response));

    [Fact]
    public async Task The_response_passing_more_checks_wins_whatever_the_order()
    {
        var judge = new RubricJudge(RubricSet.Default);
        var item = new PairwiseItem("1", "math", "What is 1/2 + 1/4?", null, "1. Add $\\frac{1}{2}$ and $\\frac{1}{4}$.\n2. Get $\\frac{3}{4}$.", "3/4");
        Assert.Equal(SlotVerdict.First, (await judge.JudgeAsync(item, Order.AB, default)).Verdict);
        Assert.Equal(SlotVerdict.Second, (await judge.JudgeAsync(item, Order.BA, default)).Verdict);
        var raw = (await judge.JudgeAsync(item, Order.AB, default)).Raw;
        Assert.Equal("first 2/2 [steps yes, latex yes]; second 0/2 [steps no, latex no]", raw);
        var extraction = item with { Category = "extraction" };
        Assert.Equal(SlotVerdict.Tie, (await judge.JudgeAsync(extraction, Order.AB, default)).Verdict);
    }
}
