using Samsara.Engine.Tokenization;

namespace Samsara.Engine.Tests.Tokenization;

/// <summary>
/// SentencePiece-style BPE as Llama 2 and Mistral ship it in tokenizer.json: "▁" for spaces, merges over the
/// whole segment, byte fallback to &lt;0xNN&gt;. Vocabulary: &lt;unk&gt; 0, &lt;s&gt; 1, &lt;/s&gt; 2,
/// &lt;0x00&gt;..&lt;0xFF&gt; 3..258 (so byte b is b + 3), then the pieces below from 259 on. The expected ids and
/// texts were also checked against Hugging Face tokenizers 0.23 (npm package <c>tokenizers</c>) on these files.
/// </summary>
public sealed class SentencePieceBpeTests : IDisposable
{
    // Llama 2's tokenizer.json (tokenizers 0.14-0.18): normalizer Prepend + Replace, no pre-tokenizer.
    private const string Llama2Normalizer = """
        {"type": "Sequence", "normalizers": [
          {"type": "Prepend", "prepend": "▁"},
          {"type": "Replace", "pattern": {"String": " "}, "content": "▁"}]}
        """;

    private const string Llama2Decoder = """
        {"type": "Sequence", "decoders": [
          {"type": "Replace", "pattern": {"String": "▁"}, "content": " "},
          {"type": "ByteFallback"}, {"type": "Fuse"},
          {"type": "Strip", "content": " ", "start": 1, "stop": 0}]}
        """;

    // Newer files (Mistral v0.3): the same normalization as a Metaspace pre-tokenizer; the decoder is unchanged.
    private const string Metaspace = """{"type": "Metaspace", "replacement": "▁", "prepend_scheme": "first", "split": false}""";

    private static readonly string[] Pieces =
        ["▁", "H", "i", "w", "o", "r", "l", "d", "▁H", "▁Hi", "or", "▁w", "▁wor", "ld", "▁world"];

    private static readonly string[] Merges = ["▁ H", "▁H i", "o r", "▁ w", "▁w or", "l d", "▁wor ld"];

    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    public static TheoryData<string> Formats => ["normalizer", "metaspace"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Encodes_with_merges_over_the_segment_and_byte_fallback(string format)
    {
        var tokenizer = Load(format);

        // "▁Hi▁world\n€": ▁ H -> ▁H (rank 0), ▁H i -> ▁Hi (1), o r (2), ▁ w (3), ▁w or (4), l d (5), ▁wor ld (6);
        // "\n" and "€" (E2 82 AC) are not pieces, so they fall back to their bytes: 0x0A+3, 0xE2+3, 0x82+3, 0xAC+3.
        Assert.Equal([268, 273, 13, 229, 133, 175], tokenizer.Encode("Hi world\n€"));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Decodes_byte_tokens_and_drops_the_prepended_space(string format)
    {
        var tokenizer = Load(format);
        Assert.Equal("Hi world\n€", tokenizer.Decode([268, 273, 13, 229, 133, 175]));
        Assert.Equal("Hi world\n€", tokenizer.Decode(tokenizer.Encode("Hi world\n€")));
        Assert.Equal("\uFFFD\uFFFD", tokenizer.Decode([229, 133])); // half a "€": one U+FFFD per byte, as HF does
        Assert.Equal("  Hi", tokenizer.Decode([259, 259, 268]));     // only the first, prepended space is dropped
    }

    [Fact]
    public void Special_tokens_split_the_text_and_each_segment_gets_the_prefix()
    {
        var tokenizer = Load("normalizer");
        Assert.Equal([1, 268, 2], tokenizer.Encode("<s>Hi</s>"));
        Assert.Equal("<s> Hi</s>", tokenizer.Decode([1, 268, 2])); // Hugging Face gives the same
        Assert.Equal("Hi", tokenizer.Decode([1, 268, 2], skipSpecialTokens: true));
        Assert.Equal(1, tokenizer.BosId);
        Assert.Equal(2, tokenizer.EosId);
        Assert.Null(tokenizer.PadId);
    }

    [Fact]
    public void Metaspace_first_prepends_only_at_the_start_of_the_text()
    {
        // After "<s>" the segment "Hi" does not start the text, so no "▁": H i stay apart.
        Assert.Equal([1, 260, 261], Load("metaspace").Encode("<s>Hi"));
        Assert.Equal([268], Load("metaspace").Encode("Hi"));
    }

    [Fact]
    public void Byte_fallback_covers_any_character_missing_from_the_pieces()
    {
        Assert.Equal([268, 0x21 + 3, 0x21 + 3, 259, 229, 133, 175], Load("normalizer").Encode("Hi!! €"));
    }

    [Fact]
    public void Without_byte_fallback_unknown_characters_fuse_into_one_unk()
    {
        var tokenizer = Load("normalizer", """{"byte_fallback": false, "fuse_unk": true, "unk_token": "<unk>"}""");
        Assert.Equal([268, 0, 259, 0], tokenizer.Encode("Hi!! €"));
    }

    [Fact]
    public void Metaspace_decoder_turns_the_replacement_back_into_spaces()
    {
        var tokenizer = Load("metaspace", decoder: Metaspace);
        Assert.Equal("Hi world", tokenizer.Decode([268, 273]));
        Assert.Equal("H world", tokenizer.Decode([260, 273]));
        Assert.Equal("  Hi", tokenizer.Decode([259, 259, 268])); // every "▁" of the first token goes, as in HF
    }

    private ITokenizer Load(
        string format,
        string modelOptions = """{"byte_fallback": true, "fuse_unk": true, "unk_token": "<unk>"}""",
        string decoder = Llama2Decoder)
    {
        var vocab = new Dictionary<string, int> { ["<unk>"] = 0, ["<s>"] = 1, ["</s>"] = 2 };
        for (var b = 0; b < 256; b++)
        {
            vocab[$"<0x{b:X2}>"] = vocab.Count;
        }

        foreach (var piece in Pieces)
        {
            vocab[piece] = vocab.Count;
        }

        var added = $"[{TokenizerJsonText.Added(0, "<unk>")}, {TokenizerJsonText.Added(1, "<s>")}, {TokenizerJsonText.Added(2, "</s>")}]";
        var json = format == "metaspace"
            ? TokenizerJsonText.Bpe(vocab, Merges, preTokenizer: Metaspace, decoder: decoder, addedTokens: added, modelOptions: modelOptions)
            : TokenizerJsonText.Bpe(vocab, Merges, normalizer: Llama2Normalizer, decoder: decoder, addedTokens: added, modelOptions: modelOptions);
        return TokenizerLoader.FromTokenizerJson(dir.Write($"{format}-{Guid.NewGuid():N}.json", json));
    }
}
