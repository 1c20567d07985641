using System.Globalization;
using System.Text;

namespace Samsara.Engine.Tokenization.Internal;

/// <summary>
/// Joins runs of SentencePiece byte tokens (<c>&lt;0xE2&gt;&lt;0x82&gt;&lt;0xAC&gt;</c>) back into the character they
/// spell. A run that is not valid UTF-8 becomes one U+FFFD per byte, as Hugging Face does.
/// </summary>
internal sealed class ByteFallbackDecoder : IDecoder
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public List<string> DecodeChain(List<string> tokens)
    {
        var output = new List<string>(tokens.Count);
        var run = new List<byte>();
        foreach (var token in tokens)
        {
            if (TryParseByteToken(token, out var b))
            {
                run.Add(b);
                continue;
            }

            Flush(run, output);
            output.Add(token);
        }

        Flush(run, output);
        return output;
    }

    private static void Flush(List<byte> run, List<string> output)
    {
        if (run.Count == 0)
        {
            return;
        }

        try
        {
            output.Add(Strict.GetString([.. run]));
        }
        catch (DecoderFallbackException)
        {
            output.Add(new string('\uFFFD', run.Count));
        }

        run.Clear();
    }

    private static bool TryParseByteToken(string token, out byte value)
    {
        value = 0;
        return token.Length == 6 && token.StartsWith("<0x", StringComparison.Ordinal) && token[5] == '>'
            && byte.TryParse(token.AsSpan(3, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
