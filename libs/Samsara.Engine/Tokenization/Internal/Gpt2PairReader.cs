namespace Samsara.Engine.Tokenization.Internal;

/// <summary>
/// Reads GPT-2's original pair of files: vocab.json (token → id) and merges.txt (one "left right" rule per line,
/// ranked by line, after an optional <c>#version</c> line). The pair carries no list of added tokens, so vocabulary
/// entries with a conventional special name (&lt;|endoftext|&gt;, &lt;s&gt;, ...) are treated as special added tokens,
/// as Hugging Face's converted GPT-2 tokenizer does with &lt;|endoftext|&gt;.
/// </summary>
internal static class Gpt2PairReader
{
    public static BpeTokenizer Read(string vocabJsonPath, string mergesTxtPath)
    {
        var vocab = TokenizerJsonReader.ReadVocab(JsonField.ReadFile(vocabJsonPath));
        var (rules, lineOfRule) = ReadMerges(mergesTxtPath);
        var merges = BpeMerges.Build(
            vocab, rules, (index, message) => new TokenizerException($"{mergesTxtPath}: line {lineOfRule[index]} {message}"));

        var specials = SpecialTokenIds.AllNames
            .Where(vocab.ContainsKey)
            .Select(name => new AddedToken(vocab[name], name, Special: true));

        return new BpeTokenizer(
            new BpeModel(vocab, merges, BpeOptions.Plain),
            new AddedVocabulary(specials),
            normalizer: null,
            new ByteLevelPreTokenizer(addPrefixSpace: false, useRegex: true),
            new ByteLevelDecoder());
    }

    private static (List<(string Left, string Right)> Rules, List<int> LineOfRule) ReadMerges(string path)
    {
        if (!File.Exists(path))
        {
            throw new TokenizerException($"{path}: file not found");
        }

        var rules = new List<(string Left, string Right)>();
        var lineOfRule = new List<int>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith("#version", StringComparison.Ordinal))
            {
                continue;
            }

            var halves = line.Split(' ');
            if (halves.Length != 2)
            {
                throw new TokenizerException($"{path}: line {lineNumber} must be \"left right\" (one space), got '{line}'");
            }

            rules.Add((halves[0], halves[1]));
            lineOfRule.Add(lineNumber);
        }

        return (rules, lineOfRule);
    }
}
