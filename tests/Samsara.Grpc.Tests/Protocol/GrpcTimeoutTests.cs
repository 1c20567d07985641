using Samsara.Grpc.Internal;

namespace Samsara.Grpc.Tests.Protocol;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("496m", 4_960_000L)]
    [InlineData("7u", 70L)]
    [InlineData("1n", 1L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    public void Parses_every_unit(string header, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("-1S")]
    [InlineData("+1S")]
    [InlineData("123456789S")]
    public void Rejects_malformed_values(string header) =>
        Assert.False(GrpcTimeout.TryParse(header, out _));

    [Theory]
    [InlineData(1L, "100n")]
    [InlineData(10_000L, "1000000n")]
    [InlineData(30_000_000L, "3000000u")]
    [InlineData(36_000_000_000L, "3600000m")]
    public void Encodes_in_the_finest_unit_that_fits_eight_digits(long ticks, string header) =>
        Assert.Equal(header, GrpcTimeout.Encode(TimeSpan.FromTicks(ticks)));

    [Fact]
    public void Encoding_rounds_up_and_round_trips_to_no_less_than_the_input()
    {
        foreach (var timeout in new[] { TimeSpan.FromTicks(123_456_789), TimeSpan.FromDays(3.3), TimeSpan.FromDays(5000), TimeSpan.MaxValue })
        {
            var header = GrpcTimeout.Encode(timeout);
            Assert.True(header.Length <= 9, header);
            Assert.True(GrpcTimeout.TryParse(header, out var parsed));
            Assert.True(parsed >= timeout || header == "99999999H", $"{timeout} -> {header} -> {parsed}");
        }
    }

    [Fact]
    public void A_time_already_up_is_the_smallest_timeout() =>
        Assert.Equal("1n", GrpcTimeout.Encode(TimeSpan.FromSeconds(-1)));
}
