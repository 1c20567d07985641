using System.Text.Json;
using System.Text.Json.Nodes;
using Samsara.Engine.Tokenization;

namespace Samsara.Engine.Tests.Tokenization;

/// <summary>Builds small tokenizer.json texts for tests; the sections under test are passed as JSON literals.</summary>
internal static class TokenizerJsonText
{
    /// <summary>GPT-2's byte-level character for each byte b, mapped to id b (read from <see cref="ByteTokenizer"/>'s vocabulary).</summary>
    public static Dictionary<string, int> ByteLevelVocab()
    {
        var vocab = JsonNode.Parse(ByteTokenizer.CreateTokenizerJson())!["model"]!["vocab"]!.AsObject();
        return vocab.ToDictionary(m => m.Key, m => m.Value!.GetValue<int>());
    }

    /// <summary>The byte-level spelling of <paramref name="text"/>'s UTF-8 bytes.</summary>
    public static string ByteLevel(string text)
    {
        var charOf = ByteLevelVocab().ToDictionary(m => m.Value, m => m.Key);
        return string.Concat(System.Text.Encoding.UTF8.GetBytes(text).Select(b => charOf[b]));
    }

    public static string Bpe(
        IReadOnlyDictionary<string, int> vocab,
        IEnumerable<string> merges,
        string preTokenizer = "null",
        string decoder = "null",
        string normalizer = "null",
        string addedTokens = "[]",
        string modelOptions = "{}")
    {
        var model = JsonNode.Parse(modelOptions)!.AsObject();
        model.Insert(0, "type", "BPE");
        model["vocab"] = JsonSerializer.SerializeToNode(vocab);
        model["merges"] = JsonSerializer.SerializeToNode(merges.ToArray());
        var root = new JsonObject
        {
            ["version"] = "1.0",
            ["added_tokens"] = JsonNode.Parse(addedTokens),
            ["normalizer"] = JsonNode.Parse(normalizer),
            ["pre_tokenizer"] = JsonNode.Parse(preTokenizer),
            ["post_processor"] = null,
            ["decoder"] = JsonNode.Parse(decoder),
            ["model"] = model,
        };
        return root.ToJsonString();
    }

    /// <summary>An entry of added_tokens.</summary>
    public static string Added(int id, string content, bool special = true, bool lstrip = false, bool rstrip = false, bool singleWord = false) =>
        new JsonObject
        {
            ["id"] = id,
            ["content"] = content,
            ["single_word"] = singleWord,
            ["lstrip"] = lstrip,
            ["rstrip"] = rstrip,
            ["normalized"] = false,
            ["special"] = special,
        }.ToJsonString();
}
