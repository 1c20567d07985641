using System.Security.Cryptography;
using System.Text;

namespace Samsara.Api.Auth;

/// <summary>
/// Checks `authorization: Bearer KEY` against the configured key hashes. Hashes are compared in constant time, so
/// a forged key learns nothing from the answer's timing; a missing or unknown key gets the same answer.
/// </summary>
public sealed class ApiKeyAuthenticator
{
    private readonly (byte[] Hash, ApiKey Key)[] keys;

    public ApiKeyAuthenticator(IEnumerable<ApiKey> configured)
    {
        keys = configured.Select(k => (Parse(k), k)).ToArray();
        if (keys.Select(k => k.Key.Name).Distinct(StringComparer.Ordinal).Count() != keys.Length)
            throw new ArgumentException("API key names must be unique");
    }

    /// <summary>The caller for an authorization header value, or null when it is missing, malformed or unknown.</summary>
    public Caller? Authenticate(string? authorization)
    {
        const string Scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)) return null;
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim()));
        ApiKey? match = null;
        foreach (var (hash, key) in keys)
            if (CryptographicOperations.FixedTimeEquals(hash, presented)) match = key;   // no early exit: same time for every key
        return match is null ? null : new Caller(match.Name, match.Admin);
    }

    /// <summary>The hash to put in configuration for a new key.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static byte[] Parse(ApiKey key)
    {
        try
        {
            var hash = Convert.FromHexString(key.Sha256);
            return hash.Length == 32 ? hash : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new ArgumentException($"API key '{key.Name}': Sha256 must be 64 hex digits (the SHA-256 of the key)");
        }
    }
}
