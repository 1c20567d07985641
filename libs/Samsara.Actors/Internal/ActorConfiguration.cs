using System.Globalization;
using Microsoft.Extensions.Configuration;
using Samsara.Actors.Internal.Dapr;

namespace Samsara.Actors.Internal;

/// <summary>
/// Reads the <c>Actors</c> configuration section by hand rather than with the binder, so that a bad value
/// fails at startup with the key's name, and durations may be written as <c>00:10:00</c>, <c>10m</c> or <c>PT10M</c>.
/// </summary>
internal static class ActorConfiguration
{
    public static void Apply(IConfiguration configuration, ActorRuntimeOptions options)
    {
        var section = configuration.GetSection("Actors");
        options.Runtime = section["Runtime"]?.Trim().ToUpperInvariant() switch
        {
            null or "" or "EMBEDDED" => ActorRuntimeKind.Embedded,
            "DAPR" => ActorRuntimeKind.Dapr,
            _ => throw new InvalidOperationException($"Actors:Runtime must be 'embedded' or 'dapr', not '{section["Runtime"]}'."),
        };
        options.IdleTimeout = Duration(section, "IdleTimeout") ?? options.IdleTimeout;
        options.ScanInterval = Duration(section, "ScanInterval") ?? options.ScanInterval;
        options.DrainOngoingCallTimeout = Duration(section, "DrainOngoingCallTimeout") ?? options.DrainOngoingCallTimeout;
        if (section["DrainRebalancedActors"] is { } drain)
        {
            options.DrainRebalancedActors = bool.TryParse(drain, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"Actors:DrainRebalancedActors must be true or false, not '{drain}'.");
        }

        options.Embedded.Path = section["Embedded:Path"] ?? options.Embedded.Path;
        options.Embedded.ReminderRetryInterval = Duration(section, "Embedded:ReminderRetryInterval") ?? options.Embedded.ReminderRetryInterval;

        options.Dapr.HttpEndpoint = DaprEndpoint(configuration, section) ?? options.Dapr.HttpEndpoint;
        options.Dapr.ApiToken = configuration["DAPR_API_TOKEN"] ?? options.Dapr.ApiToken;
        options.Dapr.AppApiToken = configuration["APP_API_TOKEN"] ?? options.Dapr.AppApiToken;
    }

    private static TimeSpan? Duration(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // A bare number is rejected rather than read as days, which is what TimeSpan.Parse would do.
        if (DaprDuration.TryParse(text, out var value) || (text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value)))
        {
            return value;
        }

        throw new InvalidOperationException($"Actors:{key} must be a duration (00:10:00, 10m or PT10M), not '{text}'.");
    }

    private static Uri? DaprEndpoint(IConfiguration configuration, IConfigurationSection section)
    {
        if (section["Dapr:HttpEndpoint"] is { } endpoint)
        {
            return Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
                ? uri
                : throw new InvalidOperationException($"Actors:Dapr:HttpEndpoint must be an absolute URL, not '{endpoint}'.");
        }

        if (configuration["DAPR_HTTP_PORT"] is { } port)
        {
            // daprd runs beside the app and listens on loopback; the port is all the injector tells us.
            return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and < 65536
                ? new Uri($"http://127.0.0.1:{number}")
                : throw new InvalidOperationException($"DAPR_HTTP_PORT must be a port number, not '{port}'.");
        }

        return null;
    }
}
