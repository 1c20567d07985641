using System.Text.Encodings.Web;
using System.Text.Json;
using Samsara.Engine.Tokenization.Internal;

namespace Samsara.Engine.Tokenization;

/// <summary>
/// The tokenizer of Samsara's tiny test models: one id per UTF-8 byte (id = byte value) plus &lt;s&gt;, &lt;/s&gt;
/// and &lt;pad&gt;. It is written as an ordinary Hugging Face tokenizer.json (BPE with no merges, ByteLevel
/// pre-tokenizer and decoder), so a tiny model directory loads through the same path as a real one.
/// </summary>
public static class ByteTokenizer
{
    public const int BosId = 256, EosId = 257, PadId = 258, VocabSize = 259;

    private static readonly (int Id, string Content)[] SpecialTokens = [(BosId, "<s>"), (EosId, "</s>"), (PadId, "<pad>")];

    /// <summary>The tokenizer.json text.</summary>
    public static string CreateTokenizerJson()
    {
        using var buffer = new MemoryStream();
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var json = new Utf8JsonWriter(buffer, options))
        {
            json.WriteStartObject();
            json.WriteString("version", "1.0");
            json.WriteNull("truncation");
            json.WriteNull("padding");
            json.WriteStartArray("added_tokens");
            foreach (var (id, content) in SpecialTokens)
            {
                json.WriteStartObject();
                json.WriteNumber("id", id);
                json.WriteString("content", content);
                json.WriteBoolean("single_word", false);
                json.WriteBoolean("lstrip", false);
                json.WriteBoolean("rstrip", false);
                json.WriteBoolean("normalized", false);
                json.WriteBoolean("special", true);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNull("normalizer");
            WriteByteLevel(json, "pre_tokenizer", addPrefixSpace: false);
            json.WriteNull("post_processor");
            WriteByteLevel(json, "decoder", addPrefixSpace: true);
            WriteModel(json);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Writes the tokenizer.json to <paramref name="path"/> atomically: a reader never sees half a file.</summary>
    public static void Write(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllText(temporary, CreateTokenizerJson());
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    // Hugging Face writes all three ByteLevel options in both places; only add_prefix_space differs (it is unused when decoding).
    private static void WriteByteLevel(Utf8JsonWriter json, string section, bool addPrefixSpace)
    {
        json.WriteStartObject(section);
        json.WriteString("type", "ByteLevel");
        json.WriteBoolean("add_prefix_space", addPrefixSpace);
        json.WriteBoolean("trim_offsets", true);
        json.WriteBoolean("use_regex", true);
        json.WriteEndObject();
    }

    private static void WriteModel(Utf8JsonWriter json)
    {
        json.WriteStartObject("model");
        json.WriteString("type", "BPE");
        json.WriteNull("dropout");
        json.WriteNull("unk_token");
        json.WriteNull("continuing_subword_prefix");
        json.WriteNull("end_of_word_suffix");
        json.WriteBoolean("fuse_unk", false);
        json.WriteBoolean("byte_fallback", false);
        json.WriteBoolean("ignore_merges", false);
        json.WriteStartObject("vocab");
        for (var b = 0; b < 256; b++)
        {
            json.WriteNumber(ByteLevelAlphabet.CharFor((byte)b).ToString(), b);
        }

        json.WriteEndObject();
        json.WriteStartArray("merges");
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
