namespace Samsara.EmbeddedDapr;

/// <summary>
/// The app-token check daprd's calls must pass: Dapr.AspNetCore's authentication scheme and authorization policy,
/// both named "Dapr" (the SDK keeps the scheme's name internal).
/// </summary>
public static class DaprAppToken
{
    public const string Scheme = "Dapr";

    public const string Policy = "Dapr";
}
