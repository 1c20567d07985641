using System.Buffers.Binary;

namespace Samsara.Gateway.Grpc;

/// <summary>
/// ListRuns' page token: a position in the run index, base64url so clients treat it as opaque. A version byte
/// lets the encoding change without misreading old tokens.
/// </summary>
public static class PageToken
{
    private const byte Version = 1;

    public static string Encode(int position)
    {
        var bytes = new byte[5];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(1), position);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <returns>The position, or null when the token was not made by <see cref="Encode"/>.</returns>
    public static int? Decode(string token)
    {
        if (token.Length == 0) return 0;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            var bytes = Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
            if (bytes.Length != 5 || bytes[0] != Version) return null;
            var position = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1));
            return position >= 0 ? position : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
