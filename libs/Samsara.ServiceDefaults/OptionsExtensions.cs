using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Samsara.ServiceDefaults.Internal;

namespace Samsara.ServiceDefaults;

/// <summary>Options bound from configuration and checked before the host starts serving.</summary>
public static class OptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to the section <paramref name="sectionPath"/> of <paramref name="configuration"/>,
    /// validates its data annotations (nested option objects included) and does so when the host starts
    /// (<c>ValidateOnStart</c>), so a bad setting stops the service at once with a message naming the configuration key,
    /// e.g. <c>Messaging:RabbitMq:Port: The field Port must be between 1 and 65535.</c>
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string sectionPath)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionPath);
        services.AddSingleton<IValidateOptions<TOptions>>(new ConfigurationKeyValidator<TOptions>(sectionPath));
        return services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(sectionPath))
            .ValidateOnStart();
    }
}
