namespace Samsara.Engine.Tokenization.Internal;

/// <summary>
/// The ranked merge rules of a BPE vocabulary, keyed on the pair of token ids, and the merge loop itself.
/// </summary>
internal sealed class BpeMerges
{
    private readonly Dictionary<long, (int Rank, int Merged)> byPair;

    private BpeMerges(Dictionary<long, (int Rank, int Merged)> byPair) => this.byPair = byPair;

    public static BpeMerges Empty { get; } = new([]);

    /// <summary>
    /// Resolves each "left right" rule to ids; rank is the rule's position. A pair listed twice keeps its later
    /// rank, as Python's <c>dict(zip(merges, range(...)))</c> in GPT-2 and Hugging Face both do.
    /// </summary>
    /// <param name="error">Makes the error for a rule (by position) that names a token missing from the vocabulary.</param>
    public static BpeMerges Build(
        IReadOnlyDictionary<string, int> vocab,
        IEnumerable<(string Left, string Right)> rules,
        Func<int, string, TokenizerException> error)
    {
        var byPair = new Dictionary<long, (int Rank, int Merged)>();
        var rank = 0;
        foreach (var (left, right) in rules)
        {
            byPair[Key(Id(left), Id(right))] = (rank, Id(left + right));
            rank++;

            int Id(string token) => vocab.TryGetValue(token, out var id)
                ? id
                : throw error(rank, $"'{left} {right}': '{token}' is not in the vocabulary");
        }

        return new BpeMerges(byPair);
    }

    /// <summary>
    /// Merges <paramref name="symbols"/> in place: always the lowest-ranked adjacent pair, leftmost first, until
    /// no adjacent pair has a rule. A heap of candidate pairs over a linked list keeps this O(n log n), so a
    /// long unbroken word (a base64 blob, a run of digits) costs no more than its length.
    /// </summary>
    public void Apply(List<int> symbols)
    {
        var count = symbols.Count;
        if (count < 2 || byPair.Count == 0)
        {
            return;
        }

        var ids = symbols.ToArray();
        var next = new int[count];
        var previous = new int[count];
        for (var i = 0; i < count; i++)
        {
            previous[i] = i - 1;
            next[i] = i + 1 < count ? i + 1 : -1;
        }

        // Priority = (rank, position): equal ranks resolve left to right, as GPT-2's "merge every occurrence" pass does.
        var candidates = new PriorityQueue<int, long>();
        for (var i = 0; i + 1 < count; i++)
        {
            Offer(i);
        }

        while (candidates.TryDequeue(out var position, out var priority))
        {
            var right = next[position];
            // Stale entries (a side was merged away since) no longer name a pair with this rank: ranks are unique per pair.
            if (ids[position] < 0 || right < 0
                || !byPair.TryGetValue(Key(ids[position], ids[right]), out var rule)
                || rule.Rank != (int)(priority >> 32))
            {
                continue;
            }

            ids[position] = rule.Merged;
            ids[right] = -1;
            next[position] = next[right];
            if (next[position] >= 0)
            {
                previous[next[position]] = position;
                Offer(position);
            }

            if (previous[position] >= 0)
            {
                Offer(previous[position]);
            }
        }

        symbols.Clear();
        for (var i = 0; i >= 0; i = next[i])
        {
            symbols.Add(ids[i]);
        }

        void Offer(int left)
        {
            if (byPair.TryGetValue(Key(ids[left], ids[next[left]]), out var rule))
            {
                candidates.Enqueue(left, ((long)rule.Rank << 32) | (uint)left);
            }
        }
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;
}
