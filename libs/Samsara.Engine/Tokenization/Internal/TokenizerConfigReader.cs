using System.Text.Json;

namespace Samsara.Engine.Tokenization.Internal;

/// <summary>
/// Reads bos_token, eos_token and pad_token from a transformers tokenizer_config.json. Each is a string, an
/// object with "content" (a serialized AddedToken), or null. A key that is present wins, null included
/// (Qwen's <c>"bos_token": null</c> means "no BOS"); a key that is absent keeps the conventional-name default.
/// </summary>
internal static class TokenizerConfigReader
{
    public static SpecialTokenIds Read(string path, ITokenizer tokenizer, SpecialTokenIds defaults)
    {
        var root = JsonField.ReadFile(path);
        return new SpecialTokenIds(
            Resolve(root, "bos_token", tokenizer, defaults.Bos),
            Resolve(root, "eos_token", tokenizer, defaults.Eos),
            Resolve(root, "pad_token", tokenizer, defaults.Pad));
    }

    private static int? Resolve(JsonField root, string key, ITokenizer tokenizer, int? fallback)
    {
        if (!root.Has(key))
        {
            return fallback;
        }

        if (root.Optional(key) is not { } field)
        {
            return null;
        }

        var content = field.Kind == JsonValueKind.Object ? field.Required("content").String() : field.String();
        return tokenizer.TokenToId(content) ?? throw field.Error($"'{content}' is not in the tokenizer's vocabulary");
    }
}
