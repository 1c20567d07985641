using Samsara.Engine.Tokenization.Internal;

namespace Samsara.Engine.Tokenization;

/// <summary>
/// Loads the tokenizer of a Hugging Face model directory. Supported: BPE tokenizer.json files, byte-level
/// (GPT-2, Llama 3, ByteLevel or Split+ByteLevel pre-tokenizer) and SentencePiece-style with byte fallback
/// (Llama 2, Mistral); and GPT-2's original vocab.json + merges.txt pair.
/// </summary>
public static class TokenizerLoader
{
    /// <summary>
    /// Loads tokenizer.json from <paramref name="modelDirectory"/> if present, else vocab.json + merges.txt.
    /// BOS/EOS/PAD come from tokenizer_config.json's bos_token/eos_token/pad_token where it sets them (null meaning
    /// none); otherwise from conventional names: BOS is the first known of &lt;|begin_of_text|&gt;, &lt;s&gt;,
    /// &lt;|endoftext|&gt;; EOS of &lt;/s&gt;, &lt;|end_of_text|&gt;, &lt;|endoftext|&gt;, &lt;|eot_id|&gt;; PAD &lt;pad&gt;.
    /// </summary>
    public static ITokenizer Load(string modelDirectory)
    {
        ArgumentNullException.ThrowIfNull(modelDirectory);
        if (!Directory.Exists(modelDirectory))
        {
            throw new TokenizerException($"{modelDirectory}: model directory not found");
        }

        var tokenizerJson = Path.Combine(modelDirectory, "tokenizer.json");
        var vocabJson = Path.Combine(modelDirectory, "vocab.json");
        var mergesTxt = Path.Combine(modelDirectory, "merges.txt");
        BpeTokenizer tokenizer;
        if (File.Exists(tokenizerJson))
        {
            tokenizer = TokenizerJsonReader.Read(tokenizerJson);
        }
        else if (File.Exists(vocabJson) && File.Exists(mergesTxt))
        {
            tokenizer = Gpt2PairReader.Read(vocabJson, mergesTxt);
        }
        else
        {
            throw new TokenizerException(
                $"{modelDirectory}: no tokenizer found (expected tokenizer.json, or vocab.json with merges.txt)");
        }

        var config = Path.Combine(modelDirectory, "tokenizer_config.json");
        if (!File.Exists(config))
        {
            return tokenizer;
        }

        var defaults = new SpecialTokenIds(tokenizer.BosId, tokenizer.EosId, tokenizer.PadId);
        return tokenizer.WithSpecialIds(TokenizerConfigReader.Read(config, tokenizer, defaults));
    }

    /// <summary>Loads a Hugging Face tokenizer.json; BOS/EOS/PAD by conventional names (see <see cref="Load"/>).</summary>
    public static ITokenizer FromTokenizerJson(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return TokenizerJsonReader.Read(path);
    }

    /// <summary>Loads GPT-2's vocab.json + merges.txt (byte-level BPE with GPT-2's pre-tokenizer regex).</summary>
    public static ITokenizer FromVocabAndMerges(string vocabJsonPath, string mergesTxtPath)
    {
        ArgumentNullException.ThrowIfNull(vocabJsonPath);
        ArgumentNullException.ThrowIfNull(mergesTxtPath);
        return Gpt2PairReader.Read(vocabJsonPath, mergesTxtPath);
    }
}
