namespace Samsara.ServiceDefaults;

/// <summary>
/// A configuration value a service cannot start with, found outside options validation (e.g. while wiring a client).
/// <see cref="ServiceHost"/> reports it as one line naming <see cref="Setting"/>, as it does validation failures.
/// </summary>
public sealed class InvalidSettingException(string setting, string problem) : Exception($"{setting}: {problem}")
{
    /// <summary>The configuration key to fix, e.g. <c>Messaging:RabbitMq:Host</c>.</summary>
    public string Setting { get; } = setting;
}
