using System.Runtime.InteropServices;
using System.Text;

namespace Samsara.Engine.Tokenization.Internal;

/// <summary>
/// Maps <see cref="ByteLevelAlphabet"/> characters back to bytes and decodes the bytes as UTF-8, replacing invalid
/// sequences with U+FFFD (a model can emit half a character). As in Hugging Face, a token with a character outside
/// the alphabet (an added token such as "&lt;|im_start|&gt; x") contributes its own UTF-8 bytes unchanged.
/// </summary>
internal sealed class ByteLevelDecoder : IDecoder
{
    public List<string> DecodeChain(List<string> tokens)
    {
        var bytes = new List<byte>();
        foreach (var token in tokens)
        {
            var mark = bytes.Count;
            foreach (var c in token)
            {
                if (!ByteLevelAlphabet.TryGetByte(c, out var b))
                {
                    bytes.RemoveRange(mark, bytes.Count - mark);
                    bytes.AddRange(Encoding.UTF8.GetBytes(token));
                    break;
                }

                bytes.Add(b);
            }
        }

        return [Encoding.UTF8.GetString(CollectionsMarshal.AsSpan(bytes))];
    }
}
