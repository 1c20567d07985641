using System.CommandLine;

namespace Samsara.Cli.Commands;

/// <summary>How the commands that talk to a remote gateway find it and authenticate.</summary>
internal static class GatewayOptions
{
    public static Option<string> Gateway() => new("--gateway") { Description = "The gateway's address, e.g. http://127.0.0.1:5000", Required = true };

    public static Option<string?> Key() => new("--api-key") { Description = "API key (default: $SAMSARA_API_KEY)" };

    public static string ResolveKey(string? key) =>
        key is { Length: > 0 } ? key
        : Environment.GetEnvironmentVariable("SAMSARA_API_KEY") is { Length: > 0 } fromEnvironment ? fromEnvironment
        : throw new ArgumentException("no API key: give --api-key KEY or set SAMSARA_API_KEY");
}
