using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Samsara.ServiceDefaults.Tests;

/// <summary>[HostName] and [WritableDirectory] report through the validated options under the configuration key.</summary>
public sealed class SettingAttributesTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("samsara-settings-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    public sealed class StoreOptions
    {
        [HostName]
        public string? Host { get; set; }

        [WritableDirectory]
        public string? Root { get; set; }
    }

    [Theory]
    [InlineData("rabbitmq")]
    [InlineData("rabbitmq.samsara.svc")]
    [InlineData("10.0.0.5")]
    [InlineData("")]
    public void Host_names_and_addresses_are_accepted(string host) =>
        Assert.Equal("fine", Validate(new() { ["S:Host"] = host }));

    [Theory]
    [InlineData("amqp://rabbitmq:5672")]
    [InlineData("rabbitmq:5672")]
    [InlineData("rabbit mq")]
    public void A_url_or_host_and_port_is_refused_by_key(string host) =>
        Assert.Equal($"S:Host: '{host}' is not a host name or address (give the name only: no scheme, port or path)", Validate(new() { ["S:Host"] = host }));

    [Fact]
    public void A_missing_directory_is_created_and_leaves_no_probe_behind()
    {
        var root = Path.Combine(dir, "store", "nested");
        Assert.Equal("fine", Validate(new() { ["S:Root"] = root }));
        Assert.True(Directory.Exists(root));
        Assert.Empty(Directory.EnumerateFileSystemEntries(root));
    }

    [Fact]
    public void A_directory_that_cannot_be_made_is_refused_by_key()
    {
        File.WriteAllText(Path.Combine(dir, "file"), "");
        var root = Path.Combine(dir, "file", "store");
        Assert.StartsWith($"S:Root: {root} is not a directory this service can write (", Validate(new() { ["S:Root"] = root }), StringComparison.Ordinal);
    }

    private static string Validate(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddValidatedOptions<StoreOptions>(configuration, "S").Services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<StoreOptions>>().Value;
            return "fine";
        }
        catch (OptionsValidationException e)
        {
            return Assert.Single(e.Failures);
        }
    }
}
