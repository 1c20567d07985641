namespace Samsara.Engine.Tokenization.Internal;

/// <summary>
/// The BOS, EOS and PAD ids of a tokenizer. Without a tokenizer_config.json they are found by the conventional
/// names below, the first name the tokenizer knows winning: so Llama 3 gets
/// &lt;|begin_of_text|&gt;/&lt;|end_of_text|&gt;, Llama 2 and Mistral &lt;s&gt;/&lt;/s&gt;, GPT-2 &lt;|endoftext|&gt; for both.
/// </summary>
internal sealed record SpecialTokenIds(int? Bos, int? Eos, int? Pad)
{
    public static readonly IReadOnlyList<string> BosNames = ["<|begin_of_text|>", "<s>", "<|endoftext|>"];

    // <|eot_id|> last: Llama 3 has <|end_of_text|> too, and its chat models name <|eot_id|> in their config.
    public static readonly IReadOnlyList<string> EosNames = ["</s>", "<|end_of_text|>", "<|endoftext|>", "<|eot_id|>"];

    public static readonly IReadOnlyList<string> PadNames = ["<pad>"];

    public static IEnumerable<string> AllNames => BosNames.Concat(EosNames).Concat(PadNames).Distinct();

    public static SpecialTokenIds FromConventionalNames(Func<string, int?> idOf) =>
        new(First(BosNames, idOf), First(EosNames, idOf), First(PadNames, idOf));

    private static int? First(IReadOnlyList<string> names, Func<string, int?> idOf) =>
        names.Select(idOf).FirstOrDefault(id => id is not null);
}
