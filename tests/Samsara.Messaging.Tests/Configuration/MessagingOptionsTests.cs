using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Samsara.Messaging.Tests.Support;

namespace Samsara.Messaging.Tests.Configuration;

public class MessagingOptionsTests
{
    private static MessagingOptions Load(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSamsaraMessaging(Settings.Build(settings));
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<MessagingOptions>>().Value;
    }

    [Fact]
    public void Broker_settings_come_from_configuration_and_environment_style_keys()
    {
        var options = Load(new()
        {
            ["Messaging:RabbitMq:Host"] = "rabbitmq.samsara.svc",
            ["Messaging:RabbitMq:Port"] = "5673",
            ["Messaging:RabbitMq:VirtualHost"] = "samsara",
            ["Messaging:RabbitMq:Username"] = "trainer",
            ["Messaging:RabbitMq:Password"] = "from-a-secret",
        });

        Assert.Equal(("rabbitmq.samsara.svc", 5673, "samsara", "trainer", "from-a-secret"),
            (options.RabbitMq.Host, options.RabbitMq.Port, options.RabbitMq.VirtualHost, options.RabbitMq.Username, options.RabbitMq.Password));
    }

    [Fact]
    public void A_bad_port_is_reported_under_its_configuration_key()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Load(new() { ["Messaging:RabbitMq:Host"] = "broker", ["Messaging:RabbitMq:Port"] = "70000" }));

        Assert.Contains("Messaging:RabbitMq:Port: The field Port must be between 1 and 65535.", error.Failures);
    }

    [Fact]
    public void A_negative_retry_limit_is_reported()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Load(new() { ["Messaging:Retry:Limit"] = "-1" }));

        Assert.Contains("Messaging:Retry:Limit: The field Limit must be between 0 and 100.", error.Failures);
    }

    [Fact]
    public void A_longest_wait_shorter_than_the_shortest_is_reported()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Load(new()
        {
            ["Messaging:Retry:MinInterval"] = "00:00:10",
            ["Messaging:Retry:MaxInterval"] = "00:00:01",
        }));

        Assert.Equal(["Messaging:Retry:MaxInterval: must not be shorter than MinInterval (00:00:10)."], error.Failures);
    }
}
