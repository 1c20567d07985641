using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Samsara.ServiceDefaults;

/// <summary>
/// Turns the configuration errors in an exception (and its inner and aggregated ones) into one line, for a host's
/// top level (<see cref="ServiceHost"/>, the CLI) to print instead of a stack trace.
/// </summary>
public static class ConfigurationErrors
{
    /// <summary>
    /// Checks every option registered with <c>ValidateOnStart</c> now, before mapping endpoints or building the bus
    /// resolve (and trip over) some of them: otherwise that happens only when the host starts.
    /// </summary>
    public static void ValidateConfiguration(this IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        host.Services.GetService<IStartupValidator>()?.Validate();
    }

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
