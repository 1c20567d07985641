using Samsara.Engine.Tokenization;

namespace Samsara.Engine.Tests.Tokenization;

public sealed class TokenizerLoaderTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Loads_tokenizer_json_from_a_model_directory()
    {
        ByteTokenizer.Write(Path.Combine(dir.Path, "tokenizer.json"));
        var tokenizer = TokenizerLoader.Load(dir.Path);
        Assert.Equal(ByteTokenizer.VocabSize, tokenizer.VocabSize);
        Assert.Equal([0x68, 0x69], tokenizer.Encode("hi"));
        Assert.Equal((256, 257, 258), (tokenizer.BosId, tokenizer.EosId, tokenizer.PadId));
    }

    [Fact]
    public void Tokenizer_config_overrides_the_conventional_ids()
    {
        ByteTokenizer.Write(Path.Combine(dir.Path, "tokenizer.json"));
        dir.Write("tokenizer_config.json", """
            {"bos_token": {"__type": "AddedToken", "content": "</s>", "special": true},
             "eos_token": "<s>",
             "pad_token": null,
             "model_max_length": 2048}
            """);
        var tokenizer = TokenizerLoader.Load(dir.Path);
        Assert.Equal(257, tokenizer.BosId);
        Assert.Equal(256, tokenizer.EosId);
        Assert.Null(tokenizer.PadId);
    }

    [Fact]
    public void Keys_absent_from_tokenizer_config_keep_the_conventional_ids()
    {
        ByteTokenizer.Write(Path.Combine(dir.Path, "tokenizer.json"));
        dir.Write("tokenizer_config.json", """{"eos_token": "<pad>"}""");
        var tokenizer = TokenizerLoader.Load(dir.Path);
        Assert.Equal((256, 258, 258), (tokenizer.BosId, tokenizer.EosId, tokenizer.PadId));
    }

    [Fact]
    public void Falls_back_to_the_gpt2_vocab_and_merges_pair()
    {
        // A byte-level vocabulary, two rules, and GPT-2's end-of-text token at the end.
        var vocab = TokenizerJsonText.ByteLevelVocab();
        vocab["Ġh"] = 256;
        vocab["Ġhi"] = 257;
        vocab["<|endoftext|>"] = 258;
        dir.Write("vocab.json", System.Text.Json.JsonSerializer.Serialize(vocab));
        dir.Write("merges.txt", "#version: 0.2\nĠ h\nĠh i\n");

        var tokenizer = TokenizerLoader.Load(dir.Path);
        Assert.Equal([0x61, 257, 258], tokenizer.Encode("a hi<|endoftext|>"));
        Assert.Equal("a hi", tokenizer.Decode([0x61, 257, 258], skipSpecialTokens: true));
        Assert.Equal((258, 258, (int?)null), (tokenizer.BosId, tokenizer.EosId, tokenizer.PadId));
        Assert.Equal(259, tokenizer.VocabSize);
    }

    [Fact]
    public void Missing_directory()
    {
        var missing = Path.Combine(dir.Path, "nope");
        var error = Assert.Throws<TokenizerException>(() => TokenizerLoader.Load(missing));
        Assert.Equal($"{missing}: model directory not found", error.Message);
    }
}
