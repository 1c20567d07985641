using Samsara.Engine.Tokenization;

namespace Samsara.Engine.Tests.Tokenization;

/// <summary>
/// Byte-level BPE with Llama 3's pre-tokenizer: a Split on Llama 3's regex, then ByteLevel without its own regex,
/// and <c>ignore_merges</c>. Vocabulary: byte b has id b, then the merged tokens below from 256 on. The expected
/// ids were also checked against Hugging Face tokenizers 0.23 (npm package <c>tokenizers</c>) on these files.
/// </summary>
public sealed class Llama3StyleTokenizerTests : IDisposable
{
    // Verbatim from Meta-Llama-3's tokenizer.json (JSON-escaped).
    private const string Llama3Pattern =
        """(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+""";

    private const string PreTokenizer = $$"""
        {"type": "Sequence", "pretokenizers": [
          {"type": "Split", "pattern": {"Regex": "{{Llama3Pattern}}"}, "behavior": "Isolated", "invert": false},
          {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": false}]}
        """;

    private static readonly string[] Merged =
        ["ll", "He", "Hell", "Hello", "Ġw", "or", "Ġwor", "ld", "Ġworld", "12", "123", "'M", "45"];

    // Ranked rules; "45" is in the vocabulary but no rule builds it, so only ignore_merges yields it.
    private static readonly string[] Merges =
        ["l l", "H e", "He ll", "Hell o", "Ġ w", "o r", "Ġw or", "l d", "Ġwor ld", "1 2", "12 3", "' M"];

    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Encodes_with_the_split_regex_then_merges()
    {
        var tokenizer = Load(ignoreMerges: true);

        // Llama 3 splits "Hello| world| |123|45|!!\n\n|I|'M": digits in threes, the space before them alone,
        // punctuation with the newlines after it, and "'M" case-insensitively.
        //   "Hello" 259, " world" 264 (whole words in the vocabulary), " " = byte 0x20, "123" 266,
        //   "45" 268 (ignore_merges), "!!\n\n" = bytes 21 21 0A 0A (no rules), "I" 0x49, "'M" 267.
        Assert.Equal(
            [259, 264, 0x20, 266, 268, 0x21, 0x21, 0x0A, 0x0A, 0x49, 267],
            tokenizer.Encode("Hello world 12345!!\n\nI'M"));
    }

    [Fact]
    public void Without_ignore_merges_a_vocabulary_word_with_no_rule_is_spelled_out()
    {
        Assert.Equal([0x34, 0x35], Load(ignoreMerges: false).Encode("45"));
        Assert.Equal([268], Load(ignoreMerges: true).Encode("45"));
    }

    [Fact]
    public void Merges_apply_lowest_rank_first()
    {
        // Not taken whole here: H e l l o -> (l l, rank 0) -> (H e, 1) -> (He ll, 2) -> (Hell o, 3) = "Hello" 259.
        var tokenizer = Load(ignoreMerges: false);
        Assert.Equal([259], tokenizer.Encode("Hello"));
        Assert.Equal([257, 0x6C], tokenizer.Encode("Hel"));        // "He" (256 is "ll", 257 "He"), then "l"
        Assert.Equal([0x65, 256, 0x6F], tokenizer.Encode("ello")); // "e" "ll" "o": no rule joins them further
    }

    [Fact]
    public void Decode_inverts_encode()
    {
        var tokenizer = Load(ignoreMerges: true);
        const string text = "Hello world 12345!!\n\nI'M ünïcödé 😀";
        Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
        Assert.Equal(" world", tokenizer.Decode([264]));
    }

    private ITokenizer Load(bool ignoreMerges)
    {
        var vocab = TokenizerJsonText.ByteLevelVocab();
        foreach (var token in Merged)
        {
            vocab[token] = vocab.Count;
        }

        var json = TokenizerJsonText.Bpe(
            vocab,
            Merges,
            PreTokenizer,
            decoder: """{"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true, "use_regex": true}""",
            modelOptions: $$"""{"ignore_merges": {{(ignoreMerges ? "true" : "false")}}}""");
        return TokenizerLoader.FromTokenizerJson(dir.Write($"tokenizer-{ignoreMerges}.json", json));
    }
}
