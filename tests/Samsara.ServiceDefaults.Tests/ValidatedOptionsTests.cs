using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Samsara.ServiceDefaults.Tests;

public class ValidatedOptionsTests
{
    public sealed class SampleOptions
    {
        [Range(1, 65535)]
        public int Port { get; set; } = 80;

        public ChildOptions Child { get; set; } = new();
    }

    public sealed class ChildOptions
    {
        [Required(AllowEmptyStrings = false)]
        public string? Name { get; set; } = "default";
    }

    [Fact]
    public async Task A_bad_setting_stops_the_host_with_the_configuration_key_in_the_message()
    {
        var settings = new Dictionary<string, string?> { ["Sample:Port"] = "0", ["Sample:Child:Name"] = "" };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => LoopbackApp.StartAsync(builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddValidatedOptions<SampleOptions>(builder.Configuration, "Sample");
        }));

        Assert.Contains("Sample:Port: The field Port must be between 1 and 65535.", error.Failures);
        Assert.Contains("Sample:Child:Name: The Name field is required.", error.Failures);
    }

    [Fact]
    public async Task Good_settings_are_bound()
    {
        var settings = new Dictionary<string, string?> { ["Sample:Port"] = "8080", ["Sample:Child:Name"] = "trainer" };

        await using var app = await LoopbackApp.StartAsync(builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddValidatedOptions<SampleOptions>(builder.Configuration, "Sample");
        });

        var options = app.App.Services.GetRequiredService<IOptions<SampleOptions>>().Value;
        Assert.Equal(8080, options.Port);
        Assert.Equal("trainer", options.Child.Name);
    }
}
