using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Samsara.Engine.Tokenization.Internal;

/// <summary>
/// A BPE vocabulary: turns one pre-tokenized word into ids (characters → initial ids → merges), with a cache,
/// since natural text repeats the same words over and over.
/// </summary>
internal sealed class BpeModel
{
    // As in Hugging Face: long words rarely repeat, and a bounded cache cannot grow without limit in a server.
    private const int MaxCachedWordLength = 256;
    private const int CacheCapacity = 100_000;

    private readonly Dictionary<string, int> vocab;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> vocabBySpan;
    private readonly Dictionary<int, string> tokenOfId = [];
    private readonly BpeMerges merges;
    private readonly BpeOptions options;
    private readonly int[]? byteTokenIds;
    private readonly ConcurrentDictionary<string, int[]> cache = new(StringComparer.Ordinal);
    private int cachedWords;

    public BpeModel(IReadOnlyDictionary<string, int> vocab, BpeMerges merges, BpeOptions options)
    {
        this.vocab = new Dictionary<string, int>(vocab, StringComparer.Ordinal);
        vocabBySpan = this.vocab.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var (token, id) in this.vocab)
        {
            tokenOfId[id] = token;
        }

        this.merges = merges;
        this.options = options;
        byteTokenIds = options.ByteFallback ? ByteTokenIds(this.vocab) : null;
        MaxId = this.vocab.Count == 0 ? -1 : this.vocab.Values.Max();
    }

    public int MaxId { get; }

    public int? TokenToId(string token) => vocab.TryGetValue(token, out var id) ? id : null;

    public string? IdToToken(int id) => tokenOfId.GetValueOrDefault(id);

    /// <summary>Appends the ids of <paramref name="word"/> (one pre-tokenized piece, already normalized) to <paramref name="output"/>.</summary>
    public void EncodeWord(string word, List<int> output)
    {
        if (cache.TryGetValue(word, out var cached))
        {
            output.AddRange(cached);
            return;
        }

        if (options.IgnoreMerges && vocab.TryGetValue(word, out var whole))
        {
            output.Add(whole);
            return;
        }

        var symbols = InitialSymbols(word);
        merges.Apply(symbols);
        output.AddRange(symbols);
        if (word.Length <= MaxCachedWordLength && Volatile.Read(ref cachedWords) < CacheCapacity
            && cache.TryAdd(word, [.. symbols]))
        {
            Interlocked.Increment(ref cachedWords);
        }
    }

    /// <summary>One id per character (code point); unknown ones fall back to byte tokens, then to unk, then are dropped.</summary>
    private List<int> InitialSymbols(string word)
    {
        var symbols = new List<int>(word.Length);
        var lastWasUnk = false;
        Span<byte> utf8 = stackalloc byte[4];
        Span<char> chars = stackalloc char[2];
        foreach (var rune in word.EnumerateRunes())
        {
            var text = chars[..rune.EncodeToUtf16(chars)];
            if (vocabBySpan.TryGetValue(text, out var id))
            {
                symbols.Add(id);
                lastWasUnk = false;
                continue;
            }

            if (byteTokenIds is not null && TryAddBytes(rune, utf8, symbols))
            {
                lastWasUnk = false;
                continue;
            }

            if (options.UnkId is int unk && !(options.FuseUnk && lastWasUnk))
            {
                symbols.Add(unk);
                lastWasUnk = true;
            }
        }

        return symbols;
    }

    private bool TryAddBytes(Rune rune, Span<byte> utf8, List<int> symbols)
    {
        var bytes = utf8[..rune.EncodeToUtf8(utf8)];
        foreach (var b in bytes)
        {
            if (byteTokenIds![b] < 0)
            {
                return false;
            }
        }

        foreach (var b in bytes)
        {
            symbols.Add(byteTokenIds![b]);
        }

        return true;
    }

    /// <summary>Ids of the SentencePiece byte tokens <c>&lt;0x00&gt;</c>..<c>&lt;0xFF&gt;</c>; -1 where the vocabulary lacks one.</summary>
    private static int[] ByteTokenIds(Dictionary<string, int> vocab)
    {
        var ids = new int[256];
        for (var b = 0; b < 256; b++)
        {
            ids[b] = vocab.GetValueOrDefault(ByteToken(b), -1);
        }

        return ids;
    }

    private static string ByteToken(int value) => string.Create(CultureInfo.InvariantCulture, $"<0x{value:X2}>");
}
