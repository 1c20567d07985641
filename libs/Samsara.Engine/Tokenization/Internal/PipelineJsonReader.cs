namespace Samsara.Engine.Tokenization.Internal;

/// <summary>
/// Reads tokenizer.json's <c>normalizer</c>, <c>pre_tokenizer</c> and <c>decoder</c> sections. Only the components
/// that byte-level and SentencePiece-style BPE tokenizers use are known; any other is an error naming the field,
/// since silently skipping one would give ids that differ from the model's training.
/// </summary>
internal static class PipelineJsonReader
{
    public static INormalizer? Normalizer(JsonField? section) => section is not { } field ? null : TypeOf(field) switch
    {
        "Sequence" => new SequenceNormalizer(
            field.Required("normalizers").Items().Select(n => Normalizer(n)!).ToList()),
        "Prepend" => new PrependNormalizer(field.Required("prepend").String()),
        "Replace" => new ReplaceNormalizer(TextPattern.FromJson(field.Required("pattern")), field.Required("content").String()),
        var other => throw Unsupported(field, other, "Sequence, Prepend, Replace"),
    };

    public static IPreTokenizer? PreTokenizer(JsonField? section) => section is not { } field ? null : TypeOf(field) switch
    {
        "Sequence" => new SequencePreTokenizer(
            field.Required("pretokenizers").Items().Select(p => PreTokenizer(p)!).ToList()),
        "ByteLevel" => new ByteLevelPreTokenizer(
            field.OptionalBool("add_prefix_space", true), field.OptionalBool("use_regex", true)),
        "Split" => Split(field),
        "Metaspace" => new MetaspacePreTokenizer(
            Replacement(field), Scheme(field), field.OptionalBool("split", true)),
        var other => throw Unsupported(field, other, "Sequence, ByteLevel, Split, Metaspace"),
    };

    public static IDecoder? Decoder(JsonField? section) => section is not { } field ? null : TypeOf(field) switch
    {
        "Sequence" => new SequenceDecoder(field.Required("decoders").Items().Select(d => Decoder(d)!).ToList()),
        "ByteLevel" => new ByteLevelDecoder(),
        "Replace" => new ReplaceDecoder(TextPattern.FromJson(field.Required("pattern")), field.Required("content").String()),
        "ByteFallback" => new ByteFallbackDecoder(),
        "Fuse" => new FuseDecoder(),
        "Strip" => new StripDecoder(
            SingleChar(field.Required("content")), field.Required("start").Int(), field.Required("stop").Int()),
        "Metaspace" => new MetaspaceDecoder(Replacement(field), Scheme(field)),
        var other => throw Unsupported(field, other, "Sequence, ByteLevel, Replace, ByteFallback, Fuse, Strip, Metaspace"),
    };

    private static string TypeOf(JsonField field) => field.Required("type").String();

    private static TokenizerException Unsupported(JsonField field, string type, string supported) =>
        field.Required("type").Error($"'{type}' is not supported (supported: {supported})");

    private static SplitPreTokenizer Split(JsonField field)
    {
        if (field.OptionalBool("invert", false))
        {
            throw field.Required("invert").Error("true is not supported");
        }

        var behaviorField = field.Required("behavior");
        var behavior = behaviorField.String() switch
        {
            "Isolated" => SplitBehavior.Isolated,
            "Removed" => SplitBehavior.Removed,
            "MergedWithPrevious" => SplitBehavior.MergedWithPrevious,
            "MergedWithNext" => SplitBehavior.MergedWithNext,
            var other => throw behaviorField.Error(
                $"'{other}' is not supported (supported: Isolated, Removed, MergedWithPrevious, MergedWithNext)"),
        };
        return new SplitPreTokenizer(TextPattern.FromJson(field.Required("pattern")), behavior);
    }

    private static char Replacement(JsonField field) => SingleChar(field.Required("replacement"));

    /// <summary>Newer files say <c>prepend_scheme</c>; older ones <c>add_prefix_space</c> (true = always).</summary>
    private static PrependScheme Scheme(JsonField field)
    {
        if (field.Optional("prepend_scheme") is { } scheme)
        {
            return scheme.String() switch
            {
                "always" => PrependScheme.Always,
                "first" => PrependScheme.First,
                "never" => PrependScheme.Never,
                var other => throw scheme.Error($"'{other}' is not one of always, first, never"),
            };
        }

        return field.OptionalBool("add_prefix_space", true) ? PrependScheme.Always : PrependScheme.Never;
    }

    private static char SingleChar(JsonField field)
    {
        var text = field.String();
        return text.Length == 1 ? text[0] : throw field.Error($"must be a single character (got '{text}')");
    }
}
