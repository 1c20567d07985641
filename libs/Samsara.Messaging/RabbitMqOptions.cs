using System.ComponentModel.DataAnnotations;
using Samsara.ServiceDefaults;

namespace Samsara.Messaging;

/// <summary>
/// <c>Messaging:RabbitMq</c>: where the broker is. Credentials come from configuration or the environment
/// (a Kubernetes secret), never from code, and are never logged.
/// </summary>
public sealed class RabbitMqOptions
{
    /// <summary>The broker's host name; empty selects the in-memory transport.</summary>
    [HostName]
    public string? Host { get; set; }

    /// <summary>The AMQP port.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 5672;

    /// <summary>The virtual host.</summary>
    [Required(AllowEmptyStrings = false)]
    public string VirtualHost { get; set; } = "/";

    /// <summary>The user name.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Username { get; set; } = "guest";

    /// <summary>The password.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Password { get; set; } = "guest";

    /// <summary>Whether a broker is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
