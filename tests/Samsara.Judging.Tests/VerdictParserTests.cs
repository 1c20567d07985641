namespace Samsara.Judging.Tests;

public sealed class VerdictParserTests
{
    [Theory]
    [InlineData("[[A]]", SlotVerdict.First)]
    [InlineData("After comparing both, my final verdict is: [[B]]", SlotVerdict.Second)]
    [InlineData("[[C]]", SlotVerdict.Tie)]
    [InlineData("[[tie]]", SlotVerdict.Tie)]
    [InlineData("Final Response: A", SlotVerdict.First)]
    [InlineData("Response A is wordy.\nFinal Response: B", SlotVerdict.Second)]
    [InlineData("**Final verdict:** A", SlotVerdict.First)]
    [InlineData("Verdict: tie", SlotVerdict.Tie)]
    [InlineData("Winner: (B)", SlotVerdict.Second)]
    [InlineData("B", SlotVerdict.Second)]
    [InlineData(" A. ", SlotVerdict.First)]
    [InlineData("C", SlotVerdict.Tie)]
    [InlineData("Response A is better because it shows its steps.", SlotVerdict.First)]
    [InlineData("Overall, Assistant B is the better one.", SlotVerdict.Second)]
    [InlineData("Neither stands out; it is a tie.", SlotVerdict.Tie)]
    public void Reads_the_common_forms(string answer, SlotVerdict expected) => Assert.Equal(expected, VerdictParser.Parse(answer));

    [Theory]
    [InlineData("Response A is better than I thought, but [[B]]", SlotVerdict.Second)]
    [InlineData("Earlier I leaned to [[A]]. On reflection: [[B]]", SlotVerdict.Second)]
    [InlineData("Response B is better.\nFinal Response: A", SlotVerdict.First)]
    public void The_most_explicit_form_and_then_the_last_occurrence_wins(string answer, SlotVerdict expected) =>
        Assert.Equal(expected, VerdictParser.Parse(answer));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("I cannot decide between them.")]
    [InlineData("Verdict: a close call")]
    [InlineData("[[D]]")]
    [InlineData("The answer is 42.")]
    public void Anything_else_is_unparsed(string? answer) => Assert.Equal(SlotVerdict.Unparsed, VerdictParser.Parse(answer));
}
