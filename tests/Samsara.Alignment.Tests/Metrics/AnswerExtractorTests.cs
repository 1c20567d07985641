using System.Globalization;
using System.Text.Json;
using Samsara.Alignment.Metrics;

namespace Samsara.Alignment.Tests.Metrics;

public sealed class AnswerExtractorTests
{
    [DataFact]
    public void Strict_recovers_the_reference_of_every_gsm8k_test_answer()
    {
        var lines = File.ReadAllLines(TestData.File("gsm8k/test.jsonl")).Where(l => l.Length > 0).ToList();
        Assert.Equal(1319, lines.Count);
        foreach (var line in lines)
        {
            var answer = JsonDocument.Parse(line).RootElement.GetProperty("answer").GetString()!;
            // Independently of the extractor: GSM8K's final line is "#### " and the number, thousands with commas.
            var final = answer[(answer.LastIndexOf("#### ", StringComparison.Ordinal) + 5)..].Trim().Replace(",", "", StringComparison.Ordinal);
            var expected = decimal.Parse(final, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            var extracted = AnswerExtractor.Strict.Extract(answer);
            Assert.True(extracted is not null, answer);
            Assert.Equal(expected, decimal.Parse(extracted, CultureInfo.InvariantCulture));
            Assert.True(AnswerExtractor.Strict.IsCorrect(answer, final), answer);
        }
    }

    [Theory]
    [InlineData("She makes $18 a day.\n#### 18", "18")]
    [InlineData("#### 1,450,000", "1450000")]
    [InlineData("#### -10", "-10")]
    [InlineData("#### 2.50", "2.5")]
    [InlineData("#### $18.00", "18")]
    [InlineData("#### 5\nlater: #### 7.", "7")]          // the last marker counts
    [InlineData("The answer is 18.", null)]            // no marker at all
    [InlineData("#### eighteen", null)]
    [InlineData("####18", null)]                        // GSM8K's marker has a space
    public void Strict_reads_the_number_after_the_last_marker(string text, string? expected) =>
        Assert.Equal(expected, AnswerExtractor.Strict.Extract(text));

    [Theory]
    [InlineData("16 - 3 - 4 = 9 eggs, so she makes 9 * 2 = $18.", "18")]
    [InlineData("That is 1,000 apples", "1000")]
    [InlineData("The total is $1,234.50 in all.", "1234.5")]
    [InlineData("The temperature fell to -5 degrees", "-5")]
    [InlineData("The change is (-3)", "-3")]
    [InlineData("pages 10-12", "12")]                   // a hyphen after a digit is not a sign
    [InlineData("x-5", "5")]
    [InlineData("It costs 18.0 dollars", "18")]
    [InlineData("He ran 3.5 miles.", "3.5")]
    [InlineData("about .5 of it", "0.5")]
    [InlineData("#### 42", "42")]
    [InlineData("no digits here", null)]
    [InlineData("", null)]
    public void Flexible_reads_the_last_number(string text, string? expected) =>
        Assert.Equal(expected, AnswerExtractor.Flexible.Extract(text));

    [Theory]
    [InlineData("9 * 2 = $18 every day", "18")]
    [InlineData("2 + 3 = 5 and then 5 * 2 = 10 apples, not 11", "11")]   // the last integer after the last '='
    [InlineData("x = 1,000", "1000")]
    [InlineData("x = -7", "7")]                          // the paper's \d+ has no sign
    [InlineData("x = 3.5", "5")]                         // nor a decimal point
    [InlineData("x = 007", "7")]                         // int() drops leading zeros
    [InlineData("no equals sign, answer 42", "42")]      // split('=')[-1] is the whole text
    [InlineData("a = b", null)]
    [InlineData("12 = nothing", null)]                   // numbers before the last '=' do not count
    public void Paper_reads_the_last_integer_after_the_last_equals_sign(string text, string? expected) =>
        Assert.Equal(expected, AnswerExtractor.Paper.Extract(text));

    [Fact]
    public void Correctness_compares_normalised_numbers()
    {
        Assert.True(AnswerExtractor.Flexible.IsCorrect("so the answer is 18.0", "18"));
        Assert.True(AnswerExtractor.Flexible.IsCorrect("in all 1,000", "1000"));
        Assert.True(AnswerExtractor.Strict.IsCorrect("#### 1000", "1,000"));
        Assert.False(AnswerExtractor.Flexible.IsCorrect("the answer is 17", "18"));
        Assert.False(AnswerExtractor.Flexible.IsCorrect("no answer", "18"));
        Assert.False(AnswerExtractor.Strict.IsCorrect("#### -10", "10"));
        // The paper sends the reference through its extractor too, so signs are lost on both sides.
        Assert.True(AnswerExtractor.Paper.IsCorrect("so x = -10", "-10"));
        Assert.True(AnswerExtractor.Paper.IsCorrect("so x = 10", "-10"));
    }

    [Fact]
    public void All_lists_the_extractors_in_report_order() =>
        Assert.Equal(["strict", "flexible", "paper"], AnswerExtractor.All.Select(e => e.Name));
}
