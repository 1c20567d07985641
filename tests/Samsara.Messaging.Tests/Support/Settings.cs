using Microsoft.Extensions.Configuration;

namespace Samsara.Messaging.Tests.Support;

/// <summary>Messaging configuration for tests: short retry intervals so a failing consumer gives up in well under a second.</summary>
internal static class Settings
{
    public const int RetryLimit = 2;

    public static Dictionary<string, string?> Fast() => new()
    {
        ["Messaging:Retry:Limit"] = RetryLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Messaging:Retry:MinInterval"] = "00:00:00.010",
        ["Messaging:Retry:MaxInterval"] = "00:00:00.200",
        ["Messaging:Retry:IntervalDelta"] = "00:00:00.010",
    };

    public static IConfiguration Build(IDictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
