namespace Samsara.Api.Auth;

/// <summary>
/// A configured API key: its owner's name, the SHA-256 of the key (hex; the key itself is never stored), and
/// whether it may see every owner's runs.
/// </summary>
public sealed record ApiKey(string Name, string Sha256, bool Admin = false);
