using System.ComponentModel.DataAnnotations;

namespace Samsara.ServiceDefaults;

/// <summary>
/// A directory the service must be able to write: created when missing, then probed with a file it writes and
/// deletes. An artifact store found read-only at the first stage would lose that stage's work; found at start,
/// it is one line naming the setting. An empty value is left to <see cref="RequiredAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WritableDirectoryAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string { Length: > 0 } path)
            return ValidationResult.Success;
        var members = validationContext.MemberName is { } member ? new[] { member } : null;
        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, $".samsara-write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return ValidationResult.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return new ValidationResult($"{path} is not a directory this service can write ({e.Message})", members);
        }
    }
}
