using Samsara.Engine.SafeTensors;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Tests.SafeTensors;

/// <summary>Every malformed file is refused at Open with a message naming the file, and the tensor where one is at fault.</summary>
public class BadFileTests
{
    private const string F32Pair = """{"dtype":"F32","shape":[2],"data_offsets":[0,8]}""";

    [Theory]
    [InlineData("""{"w":{"dtype":"F8_E4M3","shape":[2],"data_offsets":[0,2]}}""", 2, "w", "unknown dtype 'F8_E4M3'")]
    [InlineData("""{"w":{"dtype":"f32","shape":[2],"data_offsets":[0,8]}}""", 8, "w", "unknown dtype 'f32'")]
    [InlineData("""{"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}""", 8, "w", "negative dimension")]
    [InlineData("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}""", 8, "w", "'data_offsets' [8, 0] is not [begin, end]")]
    [InlineData("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[0]}}""", 8, "w", "'data_offsets' [0] is not [begin, end]")]
    [InlineData("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[-8,0]}}""", 8, "w", "is not [begin, end]")]
    [InlineData("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8.5]}}""", 8, "w", "'data_offsets' holds 8.5")]
    [InlineData("""{"w":{"dtype":"F32","shape":["2"],"data_offsets":[0,8]}}""", 8, "w", "'shape' holds \"2\"")]
    [InlineData("""{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", 8, "w", "points past the end")]
    [InlineData("""{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", 8, "w", "needs 12")]
    [InlineData("""{"w":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,8]}}""", 8, "w", "overflows")]
    [InlineData("""{"w":{"shape":[2],"data_offsets":[0,8]}}""", 8, "w", "'dtype' is missing")]
    [InlineData("""{"w":{"dtype":"F32","data_offsets":[0,8]}}""", 8, "w", "'shape' is missing")]
    [InlineData("""{"w":{"dtype":"F32","shape":[2]}}""", 8, "w", "'data_offsets' is missing")]
    [InlineData("""{"w":[1,2]}""", 8, "w", "entry is a JSON array")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12, "b", "overlap tensor 'a'")]
    [InlineData("{\"w\":" + F32Pair + ",\"w\":" + F32Pair + "}", 8, "w", "appears twice")]
    [InlineData("""{"__metadata__":{"step":1},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8, null, "'__metadata__' value of key 'step' is a JSON number")]
    [InlineData("""{"__metadata__":["pt"]}""", 0, null, "'__metadata__' is a JSON array")]
    [InlineData("""{"w":""", 8, null, "not valid JSON")]
    [InlineData("", 8, null, "not valid JSON")]
    [InlineData("[1,2,3]", 0, null, "header is a JSON array, not an object")]
    public void A_bad_header_is_refused_naming_file_and_tensor(string header, int dataBytes, string? tensor, string problem)
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.safetensors");
        RawSafeTensors.Write(path, header, dataBytes);

        var error = Assert.Throws<SafeTensorsException>(() => SafeTensorsFile.Open(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(tensor, error.TensorName);
        if (tensor is not null) Assert.Contains($"tensor '{tensor}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_that_is_not_utf8_is_refused()
    {
        using var dir = new TempDirectory();
        var path = dir.File("latin1.safetensors");
        // A tensor name in Latin-1: valid JSON structure, invalid UTF-8 (0xE9 starts a 3-byte sequence).
        byte[] header = [.. "{\"caf"u8, 0xE9, .. "\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}"u8];
        RawSafeTensors.Write(path, header, 8);

        var error = Assert.Throws<SafeTensorsException>(() => SafeTensorsFile.Open(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("not valid UTF-8", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void A_file_shorter_than_the_length_prefix_is_refused(int length)
    {
        using var dir = new TempDirectory();
        var path = dir.File("short.safetensors");
        File.WriteAllBytes(path, new byte[length]);

        var error = Assert.Throws<SafeTensorsException>(() => SafeTensorsFile.Open(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("too short", error.Message);
    }

    [Theory]
    [InlineData(1000UL, "larger than the")]
    [InlineData(200_000_000UL, "absurd")]
    [InlineData(ulong.MaxValue, "absurd")]
    public void A_header_length_the_file_cannot_hold_is_refused(ulong declared, string problem)
    {
        using var dir = new TempDirectory();
        var path = dir.File("lying.safetensors");
        RawSafeTensors.Write(path, "{}", 16, declaredHeaderLength: declared);

        var error = Assert.Throws<SafeTensorsException>(() => SafeTensorsFile.Open(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void A_file_cut_in_the_middle_of_its_data_is_caught_at_open()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("truncated.safetensors");
        SafeTensorsWriter.Write(path, [new("first", torch.ones([64])), new("second", torch.ones([64]))]);
        var length = new FileInfo(path).Length;
        using (var stream = File.OpenWrite(path)) stream.SetLength(length - 100);

        var error = Assert.Throws<SafeTensorsException>(() => SafeTensorsFile.Open(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("tensor 'second'", error.Message);
        Assert.Contains("points past the end", error.Message);
    }

    [Fact]
    public void A_missing_file_is_reported_as_a_safetensors_error_naming_it()
    {
        using var dir = new TempDirectory();
        var path = dir.File("absent.safetensors");

        var error = Assert.Throws<SafeTensorsException>(() => SafeTensorsFile.Open(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Tensors_out_of_order_or_with_gaps_between_them_are_accepted()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempDirectory();
        var path = dir.File("gappy.safetensors");
        // "b" stored first, then 4 unused bytes, then "a"; "e" is empty, so owns no bytes and overlaps nothing.
        RawSafeTensors.Write(path,
            """{"a":{"dtype":"I32","shape":[1],"data_offsets":[12,16]},"b":{"dtype":"I32","shape":[2],"data_offsets":[0,8]},"e":{"dtype":"F32","shape":[0],"data_offsets":[14,14]}}""",
            16);

        using var file = SafeTensorsFile.Open(path);

        Assert.Equal(3, file.Tensors.Count);
        Assert.Equal([0, 0], file.ReadTensor("b", CPU).ToArray<int>());
        Assert.Equal([0L], file.ReadTensor("e", CPU).shape);
    }
}
