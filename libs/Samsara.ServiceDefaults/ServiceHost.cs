using Microsoft.AspNetCore.Builder;

namespace Samsara.ServiceDefaults;

/// <summary>
/// The top level of a service's Program.cs: builds the host, checks its configuration before anything uses it, and
/// runs it. Invalid configuration — from options validation or an <see cref="InvalidSettingException"/> — ends the
/// process with exit code 1 and one line on stderr naming each bad setting, not an unhandled-exception stack trace
/// (an operator needs the key to fix; a trace is for bugs, which still get one).
/// </summary>
public static class ServiceHost
{
    /// <summary>The exit code of a service stopped by its configuration.</summary>
    public const int ConfigurationErrorExitCode = 1;

    /// <summary>
    /// Creates the builder, lets <paramref name="configure"/> register the service, builds it, validates every
    /// <c>ValidateOnStart</c> option before <paramref name="map"/> or the transports resolve anything, maps and runs.
    /// </summary>
    public static int Run(string[] args, Action<WebApplicationBuilder> configure, Action<WebApplication> map)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(map);
        var name = AppDomain.CurrentDomain.FriendlyName;
        try
        {
            var builder = WebApplication.CreateBuilder(args);
            name = builder.Environment.ApplicationName;
            configure(builder);
            var app = builder.Build();
            app.ValidateConfiguration();
            map(app);
            app.Run();
            return 0;
        }
        catch (Exception e) when (ConfigurationErrors.Describe(e) is { } problem)
        {
            Console.Error.WriteLine($"{name}: invalid configuration: {problem}");
            return ConfigurationErrorExitCode;
        }
    }
}
