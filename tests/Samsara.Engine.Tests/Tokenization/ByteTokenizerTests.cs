using System.Text.Json.Nodes;
using Samsara.Engine.Tokenization;

namespace Samsara.Engine.Tests.Tokenization;

public sealed class ByteTokenizerTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly ITokenizer tokenizer;

    public ByteTokenizerTests()
    {
        var path = Path.Combine(dir.Path, "tokenizer.json");
        ByteTokenizer.Write(path);
        tokenizer = TokenizerLoader.FromTokenizerJson(path);
    }

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Encode_gives_the_utf8_bytes_as_ids()
    {
        // h, é = C3 A9, l, l, o, \n
        Assert.Equal([0x68, 0xC3, 0xA9, 0x6C, 0x6C, 0x6F, 0x0A], tokenizer.Encode("héllo\n"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello world")]
    [InlineData("  runs   of\tspaces \n\n and newlines\r\n")]
    [InlineData("emoji 😀👍🏽 and 日本語, ünïcödé")]
    [InlineData("\0\u0001\u007F control bytes")]
    [InlineData("a < b > c / </s without the bracket")]
    public void Decode_of_encode_is_the_text(string text)
    {
        var ids = tokenizer.Encode(text);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(text), ids.Count);
        Assert.Equal(text, tokenizer.Decode(ids));
    }

    [Fact]
    public void A_lone_surrogate_is_encoded_as_the_replacement_character()
    {
        Assert.Equal([0x61, 0xEF, 0xBF, 0xBD], tokenizer.Encode("a\uD800"));
        Assert.Equal("a\uFFFD", tokenizer.Decode(tokenizer.Encode("a\uD800")));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_decode_to_replacement_characters()
    {
        Assert.Equal("\uFFFD", tokenizer.Decode([0xC3]));                   // truncated 2-byte sequence
        Assert.Equal("\uFFFDA", tokenizer.Decode([0xFF, 0x41]));             // never valid in UTF-8
        Assert.Equal("x\uFFFDy", tokenizer.Decode([0x78, 0xE2, 0x82, 0x79])); // € cut short
    }

    [Fact]
    public void Special_tokens_in_text_become_their_ids()
    {
        Assert.Equal([256, 0x68, 0x69, 257, 258], tokenizer.Encode("<s>hi</s><pad>"));
        Assert.Equal([0x3C, 0x73, 256], tokenizer.Encode("<s<s>"));
        Assert.Equal("<s>hi</s><pad>", tokenizer.Decode([256, 0x68, 0x69, 257, 258]));
        Assert.Equal("hi", tokenizer.Decode([256, 0x68, 0x69, 257, 258], skipSpecialTokens: true));
    }

    [Fact]
    public void Loads_with_the_documented_ids()
    {
        Assert.Equal(ByteTokenizer.VocabSize, tokenizer.VocabSize);
        Assert.Equal(ByteTokenizer.BosId, tokenizer.BosId);
        Assert.Equal(ByteTokenizer.EosId, tokenizer.EosId);
        Assert.Equal(ByteTokenizer.PadId, tokenizer.PadId);
        Assert.Equal("</s>", tokenizer.IdToToken(257));
        Assert.Equal(258, tokenizer.TokenToId("<pad>"));
        Assert.Null(tokenizer.IdToToken(259));
    }

    [Fact]
    public void Json_is_a_standard_byte_level_bpe_tokenizer()
    {
        var json = JsonNode.Parse(ByteTokenizer.CreateTokenizerJson())!;
        Assert.Equal("BPE", (string?)json["model"]!["type"]);
        Assert.Empty(json["model"]!["merges"]!.AsArray());
        Assert.Equal("ByteLevel", (string?)json["pre_tokenizer"]!["type"]);
        Assert.Equal("ByteLevel", (string?)json["decoder"]!["type"]);

        // GPT-2's alphabet: printable bytes stand for themselves, space is 'Ġ' (U+0120), newline 'Ċ' (U+010A).
        var vocab = json["model"]!["vocab"]!.AsObject();
        Assert.Equal(256, vocab.Count);
        Assert.Equal(0x41, (int)vocab["A"]!);
        Assert.Equal(0x20, (int)vocab["\u0120"]!);
        Assert.Equal(0x0A, (int)vocab["\u010A"]!);
        Assert.Equal(0xAD, (int)vocab["\u0143"]!); // soft hyphen, the last byte that is remapped
    }

    [Fact]
    public void Write_replaces_an_existing_file_and_leaves_no_temporary_behind()
    {
        var path = dir.Write("tokenizer.json", "stale");
        ByteTokenizer.Write(path);
        Assert.Equal(ByteTokenizer.CreateTokenizerJson(), File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }
}
