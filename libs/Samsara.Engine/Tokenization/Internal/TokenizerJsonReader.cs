using System.Text.Json;

namespace Samsara.Engine.Tokenization.Internal;

/// <summary>
/// Reads a Hugging Face tokenizer.json with a BPE model. The post_processor (which adds BOS/EOS) is not read:
/// <see cref="ITokenizer.Encode"/> leaves that to the caller. truncation and padding are not read either.
/// </summary>
internal static class TokenizerJsonReader
{
    public static BpeTokenizer Read(string path)
    {
        var root = JsonField.ReadFile(path);
        var model = root.Required("model");
        RequireBpe(model);

        var vocab = ReadVocab(model.Required("vocab"));
        var addedTokens = root.Optional("added_tokens")?.Items().Select(ReadAddedToken).ToList() ?? [];
        var merges = BpeMerges.Build(
            vocab,
            model.Required("merges").Items().Select(ReadMerge),
            (index, message) => new TokenizerException($"{path}: model.merges[{index}] {message}"));

        return new BpeTokenizer(
            new BpeModel(vocab, merges, ReadOptions(model, vocab, addedTokens)),
            new AddedVocabulary(addedTokens),
            PipelineJsonReader.Normalizer(root.Optional("normalizer")),
            PipelineJsonReader.PreTokenizer(root.Optional("pre_tokenizer")),
            PipelineJsonReader.Decoder(root.Optional("decoder")));
    }

    /// <summary>token → id; a token listed twice keeps its last id, as serde_json does when Hugging Face reads it.</summary>
    public static Dictionary<string, int> ReadVocab(JsonField vocab)
    {
        var tokens = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (token, id) in vocab.Members())
        {
            tokens[token] = id.Int();
        }

        return tokens;
    }

    private static void RequireBpe(JsonField model)
    {
        var type = model.Optional("type");
        if (type is null)
        {
            // Files written by old versions of tokenizers may omit the type; a BPE model is the one with merges.
            if (!model.Has("merges"))
            {
                throw model.Error("has no type (expected \"type\": \"BPE\")");
            }

            return;
        }

        var name = type.Value.String();
        if (name != "BPE")
        {
            throw type.Value.Error(
                $"'{name}' is not supported (expected BPE: byte-level as in GPT-2 and Llama 3, "
                + "or SentencePiece-style with byte_fallback as in Llama 2 and Mistral)");
        }
    }

    private static BpeOptions ReadOptions(JsonField model, Dictionary<string, int> vocab, List<AddedToken> addedTokens)
    {
        if (model.Optional("dropout") is { } dropout && dropout.Number() != 0)
        {
            throw dropout.Error("is not supported (BPE dropout is a training-time augmentation)");
        }

        foreach (var affix in new[] { "continuing_subword_prefix", "end_of_word_suffix" })
        {
            if (model.Optional(affix) is { } field && field.String().Length > 0)
            {
                throw field.Error($"'{field.String()}' is not supported (only byte-level and SentencePiece-style BPE are)");
            }
        }

        int? unkId = null;
        if (model.Optional("unk_token") is { } unk)
        {
            var content = unk.String();
            unkId = vocab.TryGetValue(content, out var id) ? id
                : addedTokens.Find(t => t.Content == content)?.Id
                ?? throw unk.Error($"'{content}' is not in model.vocab or added_tokens");
        }

        return new BpeOptions(
            unkId,
            model.OptionalBool("fuse_unk", false),
            model.OptionalBool("byte_fallback", false),
            model.OptionalBool("ignore_merges", false));
    }

    /// <summary>A merge rule: the string "left right" (older files) or the pair ["left", "right"].</summary>
    private static (string Left, string Right) ReadMerge(JsonField rule)
    {
        if (rule.Kind == JsonValueKind.Array)
        {
            var parts = rule.Items().Select(p => p.String()).ToArray();
            return parts.Length == 2 ? (parts[0], parts[1]) : throw rule.Error("must be a pair [\"left\", \"right\"]");
        }

        var halves = rule.String().Split(' ');
        return halves.Length == 2 ? (halves[0], halves[1]) : throw rule.Error("must be \"left right\" (one space)");
    }

    private static AddedToken ReadAddedToken(JsonField token) => new(
        token.Required("id").Int(),
        token.Required("content").String(),
        token.OptionalBool("special", false),
        token.OptionalBool("single_word", false),
        token.OptionalBool("lstrip", false),
        token.OptionalBool("rstrip", false));
}
