using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Samsara.ServiceDefaults.Internal;

/// <summary>
/// Validates the data annotations of an options object and of the option objects nested in it, and reports each failure
/// under the configuration key that sets the member (<c>Section:Child:Member</c>): that key is what the operator edits.
/// </summary>
internal sealed class ConfigurationKeyValidator<TOptions>(string sectionPath) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = new List<string>();
        Collect(options, sectionPath, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Collect(object instance, string path, List<string> failures)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var members = result.MemberNames.Any() ? result.MemberNames : [string.Empty];
            foreach (var member in members)
                failures.Add($"{Join(path, member)}: {result.ErrorMessage}");
        }

        // Nested option objects (a class from the options' own assembly) are validated under their own key.
        foreach (var property in instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0
                && property.PropertyType.IsClass
                && property.PropertyType.Assembly == instance.GetType().Assembly
                && property.GetValue(instance) is { } child)
            {
                Collect(child, Join(path, property.Name), failures);
            }
        }
    }

    private static string Join(string path, string member) => member.Length == 0 ? path : $"{path}:{member}";
}
