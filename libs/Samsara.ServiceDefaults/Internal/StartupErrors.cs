using Microsoft.Extensions.Options;

namespace Samsara.ServiceDefaults.Internal;

/// <summary>Turns the configuration errors in an exception (and its inner and aggregated ones) into one line.</summary>
internal static class StartupErrors
{
    /// <summary>"Key: problem; Key: problem", or null when the exception is not about configuration (a bug).</summary>
    public static string? Describe(Exception exception)
    {
        var problems = Configuration(exception).Distinct(StringComparer.Ordinal).ToList();
        return problems.Count == 0 ? null : string.Join("; ", problems.Select(OneLine));
    }

    private static IEnumerable<string> Configuration(Exception? exception) => exception switch
    {
        null => [],
        OptionsValidationException options => options.Failures,
        InvalidSettingException setting => [setting.Message],
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Configuration),
        _ => Configuration(exception.InnerException),
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
