using Samsara.Grpc.Internal;

namespace Samsara.Grpc.Tests.Protocol;

public sealed class PercentEncodingTests
{
    [Theory]
    [InlineData("plain text stays", "plain text stays")]
    [InlineData("100%", "100%25")]
    [InlineData("a\tb", "a%09b")]
    [InlineData("☺", "%E2%98%BA")]
    public void Encodes_non_printable_bytes_and_percent(string text, string encoded)
    {
        Assert.Equal(encoded, PercentEncoding.Encode(text));
        Assert.Equal(text, PercentEncoding.Decode(encoded));
    }

    [Fact]
    public void Special_status_message_round_trips()
    {
        const string special = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n";
        var encoded = PercentEncoding.Encode(special);
        Assert.All(encoded, c => Assert.InRange(c, ' ', '~'));
        Assert.Equal(special, PercentEncoding.Decode(encoded));
    }

    [Theory]
    [InlineData("%zz ok")]
    [InlineData("ends with %4")]
    [InlineData("%")]
    public void Invalid_escapes_pass_through_instead_of_failing(string text) =>
        Assert.Equal(text, PercentEncoding.Decode(text));
}
