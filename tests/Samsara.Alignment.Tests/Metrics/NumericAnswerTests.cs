using Samsara.Alignment.Metrics;

namespace Samsara.Alignment.Tests.Metrics;

public sealed class NumericAnswerTests
{
    [Theory]
    [InlineData("18", "18")]
    [InlineData("18.0", "18")]
    [InlineData("18.", "18")]
    [InlineData("0018.500", "18.5")]
    [InlineData("1,000", "1000")]
    [InlineData("+5", "5")]
    [InlineData("-0.0", "0")]
    [InlineData(".5", "0.5")]
    [InlineData("-.25", "-0.25")]
    [InlineData(" 7 ", "7")]
    [InlineData("123456789012345678901234567890.1", "123456789012345678901234567890.1")]   // beyond decimal, exact
    [InlineData("eighteen", null)]
    [InlineData("1e3", null)]
    [InlineData("$18", null)]
    [InlineData("", null)]
    [InlineData("-", null)]
    [InlineData("1.2.3", null)]
    [InlineData("٣", null)]                                 // only ASCII digits are digits
    public void Normalize_gives_one_spelling_per_value(string text, string? expected) =>
        Assert.Equal(expected, NumericAnswer.Normalize(text));

    [Fact]
    public void Equality_is_by_value()
    {
        Assert.True(NumericAnswer.AreEqual("18.0", "18"));
        Assert.True(NumericAnswer.AreEqual("1,000", "1000"));
        Assert.False(NumericAnswer.AreEqual("18", "-18"));
        Assert.False(NumericAnswer.AreEqual("x", "x"));
        Assert.False(NumericAnswer.AreEqual(null, null));
    }
}
