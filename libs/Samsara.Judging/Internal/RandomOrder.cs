using System.Security.Cryptography;
using System.Text;
using Samsara.Judging.Prompts;

namespace Samsara.Judging.Internal;

/// <summary>
/// The random protocol's order of an item, from (seed, item id) alone: the same on every machine and whatever
/// other items are judged with it, so a rerun, a resumed run or a distributed run shows each item the same way.
/// </summary>
internal static class RandomOrder
{
    public static Order For(ulong seed, string itemId)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\u0000judge-order\u0000{itemId}"));
        return (digest[0] & 1) == 0 ? Order.AB : Order.BA;
    }
}
