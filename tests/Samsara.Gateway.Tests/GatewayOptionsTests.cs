using System.ComponentModel.DataAnnotations;

namespace Samsara.Gateway.Tests;

/// <summary>The gateway's settings are checked when it starts, as its options validation runs them.</summary>
public sealed class GatewayOptionsTests
{
    [Fact]
    public void A_relative_read_only_root_is_refused_by_its_key()
    {
        var options = Valid();
        options.ReadOnlyRoots = ["/models", "models"];

        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));

        Assert.Equal("Gateway:ReadOnlyRoots:1 ('models') must be an absolute directory path", Assert.Single(results).ErrorMessage);
    }

    [Fact]
    public void Absolute_read_only_roots_are_accepted()
    {
        var options = Valid();
        options.ReadOnlyRoots = ["/models", "/datasets"];

        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }

    private static GatewayOptions Valid() => new()
    {
        ApiKeys = [new() { Name = "a", Sha256 = new string('a', 64) }],
        ArtifactRoot = Path.GetTempPath(),
    };
}
