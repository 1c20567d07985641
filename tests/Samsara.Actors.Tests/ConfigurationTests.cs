using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Samsara.Actors.Internal;
using Samsara.Actors.Internal.Dapr;
using Samsara.Actors.Internal.Embedded;
using Samsara.Actors.Tests.Sample;

namespace Samsara.Actors.Tests;

/// <summary>Actors:Runtime picks the runtime; bad settings fail at startup naming the key.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public void The_dapr_runtime_is_chosen_by_configuration()
    {
        using var services = Build(new() { ["Actors:Runtime"] = "Dapr", ["DAPR_HTTP_PORT"] = "3601" });

        var options = services.GetRequiredService<ActorRuntimeOptions>();
        Assert.Equal(ActorRuntimeKind.Dapr, options.Runtime);
        Assert.Equal(new Uri("http://127.0.0.1:3601"), options.Dapr.HttpEndpoint);
        Assert.IsType<DaprActorStateStore>(services.GetRequiredService<IActorStateStore>());
        Assert.IsType<DaprActorInvoker>(services.GetRequiredService<IActorInvoker>());
    }

    [Fact]
    public void The_embedded_runtime_is_the_default()
    {
        var options = new ActorRuntimeOptions();
        ActorConfiguration.Apply(Configuration(new() { ["Actors:Embedded:Path"] = "/tmp/x.db" }), options);

        Assert.Equal(ActorRuntimeKind.Embedded, options.Runtime);
        Assert.Equal("/tmp/x.db", options.Embedded.Path);
    }

    [Theory]
    [InlineData("00:10:00")]
    [InlineData("10m")]
    [InlineData("0h10m0s0ms")]
    [InlineData("PT10M")]
    public void Durations_read_in_every_accepted_form(string text)
    {
        var options = new ActorRuntimeOptions();
        ActorConfiguration.Apply(Configuration(new() { ["Actors:IdleTimeout"] = text }), options);

        Assert.Equal(TimeSpan.FromMinutes(10), options.IdleTimeout);
    }

    [Theory]
    [InlineData("Actors:Runtime", "kubernetes", "Actors:Runtime must be 'embedded' or 'dapr'")]
    [InlineData("Actors:IdleTimeout", "10", "Actors:IdleTimeout must be a duration")]
    [InlineData("DAPR_HTTP_PORT", "http", "DAPR_HTTP_PORT must be a port number")]
    [InlineData("Actors:Embedded:Path", "", "Actors:Embedded:Path is required")]
    public void Bad_settings_fail_naming_the_key(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?> { ["Actors:Embedded:Path"] = "/tmp/x.db", [key] = value };

        var error = Assert.Throws<InvalidOperationException>(() => Build(settings));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Actor_types_are_named_by_attribute_and_methods_come_from_IActor_interfaces()
    {
        var registration = ActorRegistration.Create(typeof(CounterActor), typeName: null);

        Assert.Equal("Counter", registration.TypeName);
        Assert.True(registration.IsRemindable);
        Assert.Contains("IncrementAsync", registration.Methods.Keys);
        Assert.DoesNotContain("ReceiveReminderAsync", registration.Methods.Keys); // IRemindable is not callable
        Assert.DoesNotContain("OnActivateAsync", registration.Methods.Keys);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ActorProbe>();
        services.AddSamsaraActors(Configuration(settings), actors => actors.RegisterActor<CounterActor>());
        return services.BuildServiceProvider();
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
