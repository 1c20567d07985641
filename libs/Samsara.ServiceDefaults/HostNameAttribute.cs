using System.ComponentModel.DataAnnotations;

namespace Samsara.ServiceDefaults;

/// <summary>
/// A bare host name or address (<c>rabbitmq</c>, <c>10.0.0.5</c>), not a URL: a scheme or port in a host setting
/// otherwise surfaces later as a parse error deep in a client library. An empty value is allowed (it means "none").
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class HostNameAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string { Length: > 0 } host || Uri.CheckHostName(host) != UriHostNameType.Unknown)
            return ValidationResult.Success;
        var members = validationContext.MemberName is { } member ? new[] { member } : null;
        return new ValidationResult($"'{host}' is not a host name or address (give the name only: no scheme, port or path)", members);
    }
}
