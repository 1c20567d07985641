using Samsara.Actors.Internal.Dapr;

namespace Samsara.Actors.Tests.Dapr;

/// <summary>Durations in the forms daprd reads and writes (reference §1–2).</summary>
public sealed class DaprDurationTests
{
    [Theory]
    [InlineData(3_600_000, "1h0m0s0ms")]
    [InlineData(3_000, "0h0m3s0ms")]
    [InlineData(90_061_500, "25h1m1s500ms")]
    [InlineData(0, "0h0m0s0ms")]
    public void Formats_like_the_dotnet_sdk(long milliseconds, string expected) =>
        Assert.Equal(expected, DaprDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData("1h0m0s0ms", 3_600_000)]
    [InlineData("0h0m3s0ms", 3_000)]
    [InlineData("1m", 60_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("300ms", 300)]
    [InlineData("2h45m", 9_900_000)]
    [InlineData("1500us", 1.5)]
    [InlineData("0", 0)]
    [InlineData("PT10S", 10_000)]
    [InlineData("P1DT2H", 93_600_000)]
    [InlineData("P1W", 604_800_000)]
    [InlineData("R5/PT30S", 30_000)]
    public void Parses_go_and_iso_durations(string text, double milliseconds)
    {
        Assert.True(DaprDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("1h junk")]
    [InlineData("P1Y")]
    [InlineData("PT")]
    [InlineData("R5")]
    public void Rejects_what_is_not_a_duration(string text) =>
        Assert.False(DaprDuration.TryParse(text, out _));
}
