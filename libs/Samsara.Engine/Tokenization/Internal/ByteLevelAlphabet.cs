using System.Text;

namespace Samsara.Engine.Tokenization.Internal;

/// <summary>
/// GPT-2's reversible byte-to-character map (<c>bytes_to_unicode</c> in openai/gpt-2): byte-level vocabularies
/// store every token as text, so each of the 256 byte values needs a printable, non-whitespace character.
/// Printable Latin-1 bytes stand for themselves; the other 68 take U+0100 onwards in byte order
/// (so the space byte 0x20 is 'Ġ', U+0120, and '\n' is 'Ċ', U+010A).
/// </summary>
internal static class ByteLevelAlphabet
{
    private static readonly char[] CharOfByte = BuildCharOfByte();
    private static readonly short[] ByteOfChar = BuildByteOfChar();

    public static char CharFor(byte value) => CharOfByte[value];

    public static bool TryGetByte(char c, out byte value)
    {
        var found = c < ByteOfChar.Length ? ByteOfChar[c] : (short)-1;
        value = (byte)found;
        return found >= 0;
    }

    /// <summary>The UTF-8 bytes of <paramref name="text"/>, one alphabet character each (lone surrogates become U+FFFD first).</summary>
    public static string Encode(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return string.Create(bytes.Length, bytes, static (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                chars[i] = CharOfByte[source[i]];
            }
        });
    }

    private static char[] BuildCharOfByte()
    {
        var map = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var standsForItself = b is >= '!' and <= '~' or >= '¡' and <= '¬' or >= '®' and <= 'ÿ';
            map[b] = standsForItself ? (char)b : (char)next++;
        }

        return map;
    }

    private static short[] BuildByteOfChar()
    {
        var inverse = new short[256 + 68];
        Array.Fill(inverse, (short)-1);
        for (var b = 0; b < 256; b++)
        {
            inverse[CharOfByte[b]] = (short)b;
        }

        return inverse;
    }
}
