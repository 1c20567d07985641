using Samsara.Engine.Tokenization;

namespace Samsara.Engine.Tests.Tokenization;

/// <summary>
/// Added tokens on a byte-level vocabulary (byte b = id b), split out of the raw text before BPE. The expected ids
/// and texts were also checked against Hugging Face tokenizers 0.23 (npm package <c>tokenizers</c>) on this file.
/// </summary>
public sealed class AddedTokenTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly ITokenizer tokenizer;

    public AddedTokenTests()
    {
        var added = string.Join(", ",
            TokenizerJsonText.Added(256, "<|endoftext|>"),
            TokenizerJsonText.Added(257, "<|im_start|>"),
            TokenizerJsonText.Added(258, "<|im_start|>system"),
            TokenizerJsonText.Added(259, "<tool>", special: false),
            TokenizerJsonText.Added(260, "<mask>", lstrip: true),
            TokenizerJsonText.Added(261, "<sep>", rstrip: true),
            TokenizerJsonText.Added(262, "cat", special: false, singleWord: true));
        var json = TokenizerJsonText.Bpe(
            TokenizerJsonText.ByteLevelVocab(),
            [],
            preTokenizer: """{"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true}""",
            decoder: """{"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true, "use_regex": true}""",
            addedTokens: $"[{added}]");
        tokenizer = TokenizerLoader.FromTokenizerJson(dir.Write("tokenizer.json", json));
    }

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Added_tokens_in_text_become_single_ids()
    {
        Assert.Equal([0x61, 256, 0x62], tokenizer.Encode("a<|endoftext|>b"));
        Assert.Equal([256, 256], tokenizer.Encode("<|endoftext|><|endoftext|>"));
        Assert.Equal([0x3C, 0x7C, 0x65, 0x6E, 0x64], tokenizer.Encode("<|end")); // a prefix is plain text
        Assert.Equal(263, tokenizer.VocabSize);
    }

    [Fact]
    public void The_longest_added_token_at_a_position_wins()
    {
        Assert.Equal([258, 0x0A], tokenizer.Encode("<|im_start|>system\n"));
        Assert.Equal([257, 0x75], tokenizer.Encode("<|im_start|>u"));
    }

    [Fact]
    public void Strip_and_single_word_options_are_honoured()
    {
        Assert.Equal([0x61, 260], tokenizer.Encode("a  <mask>"));             // lstrip eats the spaces before
        Assert.Equal([261, 0x62], tokenizer.Encode("<sep> \n b"));            // rstrip eats the whitespace after
        Assert.Equal([262, 0x20, 0x73, 0x63, 0x61, 0x74], tokenizer.Encode("cat scat")); // not inside "scat"
    }

    [Fact]
    public void Skip_special_tokens_drops_only_special_ones()
    {
        var ids = tokenizer.Encode("<|im_start|>x<tool>y<|endoftext|>");
        Assert.Equal([257, 0x78, 259, 0x79, 256], ids);
        Assert.Equal("<|im_start|>x<tool>y<|endoftext|>", tokenizer.Decode(ids));
        Assert.Equal("x<tool>y", tokenizer.Decode(ids, skipSpecialTokens: true));
    }

    [Fact]
    public void Unknown_ids_are_left_out_of_the_decoded_text()
    {
        Assert.Equal("ab", tokenizer.Decode([0x61, 100_000, 0x62]));
        Assert.Null(tokenizer.IdToToken(100_000));
        Assert.Null(tokenizer.TokenToId("<nope>"));
    }
}
