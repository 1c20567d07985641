using System.Security.Cryptography;
using System.Text;
using Samsara.Judging.Items;
using Samsara.Judging.Prompts;

namespace Samsara.Judging.Caching;

/// <summary>
/// The cache key of one judge call: SHA-256 over (prompt version, judge, constitution, question, the response shown
/// first, the response shown second), each field length-prefixed so no two different tuples share a key. Item ids,
/// categories and model names are left out: the same texts judged by the same judge get the same answer whoever
/// produced them, and a renamed file costs nothing to judge again.
/// </summary>
public static class JudgementKey
{
    public static string For(IPairJudge judge, PairwiseItem item, Order order)
    {
        var (first, second) = order == Order.AB ? (item.ResponseA, item.ResponseB) : (item.ResponseB, item.ResponseA);
        var text = new StringBuilder();
        foreach (var field in new[] { judge.PromptVersion, judge.Name, item.Constitution ?? "\u0000none", item.Question, first, second })
            text.Append(field.Length).Append(':').Append(field).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
