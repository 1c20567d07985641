using System.Security.Cryptography;
using System.Text;

namespace Samsara.Alignment.Internal;

/// <summary>
/// A small random stream (SplitMix64) keyed by a seed and a text key such as a query id. Samsara owns the
/// algorithm so that a (seed, key) gives the same draws on every machine and .NET version (System.Random's
/// seeded sequence is not guaranteed across versions), and so that a query's draws do not depend on which
/// other queries are in the file — what makes resumed and sharded runs reproduce an uninterrupted one.
/// </summary>
internal sealed class SeededRandom(ulong state)
{
    /// <summary>A stream for (<paramref name="seed"/>, <paramref name="purpose"/>, <paramref name="key"/>), mixed by SHA-256.</summary>
    public static SeededRandom For(ulong seed, string purpose, string key)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\u0000{purpose}\u0000{key}"));
        return new SeededRandom(BitConverter.ToUInt64(digest, 0));
    }

    public ulong NextUInt64()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, n) by multiply-shift; the bias (below n/2⁶⁴) is far below anything observable.</summary>
    public int NextBelow(int n) => (int)Math.BigMul(NextUInt64(), (ulong)n, out _);

    /// <summary>Fisher–Yates: a uniformly random permutation of <paramref name="items"/>.</summary>
    public T[] Shuffled<T>(IReadOnlyList<T> items)
    {
        var result = items.ToArray();
        for (var i = result.Length - 1; i > 0; i--)
        {
            var j = NextBelow(i + 1);
            (result[i], result[j]) = (result[j], result[i]);
        }
        return result;
    }
}
