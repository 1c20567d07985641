using Samsara.Engine.Tokenization;

namespace Samsara.Engine.Tests.Tokenization;

/// <summary>Every load failure is a <see cref="TokenizerException"/> naming the file and, where one is at fault, the field.</summary>
public sealed class TokenizerErrorTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Missing_file()
    {
        var path = Path.Combine(dir.Path, "tokenizer.json");
        var error = Assert.Throws<TokenizerException>(() => TokenizerLoader.FromTokenizerJson(path));
        Assert.Equal($"{path}: file not found", error.Message);
    }

    [Fact]
    public void Malformed_json()
    {
        var path = dir.Write("tokenizer.json", """{"model": {"type": "BPE",""");
        var error = Assert.Throws<TokenizerException>(() => TokenizerLoader.FromTokenizerJson(path));
        Assert.StartsWith($"{path}: malformed JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_model_type()
    {
        var path = dir.Write("tokenizer.json", """{"model": {"type": "Unigram", "vocab": [["<unk>", 0.0]]}}""");
        var error = Assert.Throws<TokenizerException>(() => TokenizerLoader.FromTokenizerJson(path));
        Assert.StartsWith($"{path}: model.type 'Unigram' is not supported (expected BPE", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"added_tokens": []}""", "model is missing")]
    [InlineData("""{"model": {"type": "BPE", "merges": []}}""", "model.vocab is missing")]
    [InlineData("""{"model": {"type": "BPE", "vocab": {"a": "zero"}, "merges": []}}""", "model.vocab.a must be a number (got String)")]
    [InlineData("""{"model": {"type": "BPE", "vocab": {"a": 0}, "merges": ["a b"]}}""", "model.merges[0] 'a b': 'b' is not in the vocabulary")]
    [InlineData("""{"model": {"type": "BPE", "vocab": {"a": 0}, "merges": ["a a a"]}}""", "model.merges[0] must be \"left right\" (one space)")]
    [InlineData("""{"model": {"type": "BPE", "vocab": {"a": 0}, "merges": [], "unk_token": "<unk>"}}""", "model.unk_token '<unk>' is not in model.vocab or added_tokens")]
    [InlineData("""{"model": {"type": "BPE", "vocab": {}, "merges": [], "continuing_subword_prefix": "##"}}""", "model.continuing_subword_prefix '##' is not supported")]
    [InlineData("""{"pre_tokenizer": {"type": "Whitespace"}, "model": {"type": "BPE", "vocab": {}, "merges": []}}""", "pre_tokenizer.type 'Whitespace' is not supported")]
    [InlineData("""{"pre_tokenizer": {"type": "Sequence", "pretokenizers": [{"type": "Digits"}]}, "model": {"type": "BPE", "vocab": {}, "merges": []}}""", "pre_tokenizer.pretokenizers[0].type 'Digits' is not supported")]
    [InlineData("""{"pre_tokenizer": {"type": "Split", "pattern": {"Regex": "a++"}, "behavior": "Isolated"}, "model": {"type": "BPE", "vocab": {}, "merges": []}}""", "pre_tokenizer.pattern.Regex is not a regex .NET can compile")]
    [InlineData("""{"normalizer": {"type": "NFKC"}, "model": {"type": "BPE", "vocab": {}, "merges": []}}""", "normalizer.type 'NFKC' is not supported")]
    [InlineData("""{"decoder": {"type": "WordPiece"}, "model": {"type": "BPE", "vocab": {}, "merges": []}}""", "decoder.type 'WordPiece' is not supported")]
    [InlineData("""{"added_tokens": [{"content": "<s>"}], "model": {"type": "BPE", "vocab": {}, "merges": []}}""", "added_tokens[0].id is missing")]
    public void Bad_fields_are_named(string json, string expected)
    {
        var path = dir.Write("tokenizer.json", json);
        var error = Assert.Throws<TokenizerException>(() => TokenizerLoader.FromTokenizerJson(path));
        Assert.StartsWith($"{path}: {expected}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_merges_txt_line()
    {
        var vocab = dir.Write("vocab.json", """{"a": 0, "b": 1, "ab": 2}""");
        var merges = dir.Write("merges.txt", "#version: 0.2\na b\nab\n");
        var error = Assert.Throws<TokenizerException>(() => TokenizerLoader.FromVocabAndMerges(vocab, merges));
        Assert.StartsWith($"{merges}: line 3 must be \"left right\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_without_a_tokenizer()
    {
        var error = Assert.Throws<TokenizerException>(() => TokenizerLoader.Load(dir.Path));
        Assert.Equal($"{dir.Path}: no tokenizer found (expected tokenizer.json, or vocab.json with merges.txt)", error.Message);
    }

    [Fact]
    public void Config_naming_a_token_the_tokenizer_lacks()
    {
        ByteTokenizer.Write(Path.Combine(dir.Path, "tokenizer.json"));
        var config = dir.Write("tokenizer_config.json", """{"eos_token": "<|im_end|>"}""");
        var error = Assert.Throws<TokenizerException>(() => TokenizerLoader.Load(dir.Path));
        Assert.Equal($"{config}: eos_token '<|im_end|>' is not in the tokenizer's vocabulary", error.Message);
    }
}
