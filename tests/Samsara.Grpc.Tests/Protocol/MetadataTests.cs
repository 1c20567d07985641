using Samsara.Grpc.Internal;

namespace Samsara.Grpc.Tests.Protocol;

public sealed class MetadataTests
{
    [Fact]
    public void Keys_are_lower_cased_and_validated()
    {
        var metadata = new Metadata().Add("X-Request-ID", "abc");
        Assert.Equal("x-request-id", metadata[0].Key);
        Assert.Equal("abc", metadata.GetValue("x-request-id"));
        Assert.Throws<ArgumentException>(() => new Metadata().Add("bad key", "v"));
        Assert.Throws<ArgumentException>(() => new Metadata().Add("ok", "line\nbreak"));
    }

    [Fact]
    public void Binary_keys_need_bytes_and_text_keys_need_text()
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add("trace-bin", "text"));
        Assert.Throws<ArgumentException>(() => new Metadata().Add("trace", [1, 2]));
        var entry = new Metadata().Add("trace-bin", [1, 2]).Get("trace-bin")!;
        Assert.True(entry.IsBinary);
        Assert.Throws<InvalidOperationException>(() => entry.Value);
    }

    [Theory]
    [InlineData("CgsKCwoL", new byte[] { 0x0a, 0x0b, 0x0a, 0x0b, 0x0a, 0x0b })]
    [InlineData("AQ==", new byte[] { 1 })]
    [InlineData("AQ", new byte[] { 1 })]
    [InlineData("AQI=", new byte[] { 1, 2 })]
    [InlineData("AQI", new byte[] { 1, 2 })]
    public void Binary_values_are_accepted_padded_or_not(string header, byte[] bytes)
    {
        var metadata = new Metadata();
        MetadataHeaders.AddReceived(metadata, "x-bin", [header]);
        Assert.Equal(bytes, metadata.GetValueBytes("x-bin"));
    }

    [Fact]
    public void Binary_values_are_sent_unpadded_and_comma_joined_values_split()
    {
        var entry = new Metadata().Add("x-bin", [1]).Get("x-bin")!;
        Assert.Equal("AQ", MetadataHeaders.ToHeaderValue(entry));

        var metadata = new Metadata();
        MetadataHeaders.AddReceived(metadata, "x-bin", ["AQ, AQI="]);
        Assert.Equal([[1], [1, 2]], metadata.GetAll("x-bin").Select(e => e.ValueBytes));
    }

    [Theory]
    [InlineData("content-type")]
    [InlineData("te")]
    [InlineData("grpc-timeout")]
    [InlineData("grpc-status")]
    [InlineData(":authority")]
    public void Protocol_headers_are_not_metadata(string name)
    {
        var metadata = new Metadata();
        MetadataHeaders.AddReceived(metadata, name, ["value"]);
        Assert.Empty(metadata);
    }
}
