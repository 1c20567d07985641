using System.Text.RegularExpressions;
using Samsara.Contracts;

namespace Samsara.Messaging.Tests.Configuration;

public partial class QueueNamesTests
{
    [GeneratedRegex("^samsara-[a-z]+(-[a-z]+)*$")]
    private static partial Regex KebabName();

    [Fact]
    public void Service_queues_are_distinct_lowercase_names_a_helm_chart_can_copy()
    {
        Assert.Equal(
            ["samsara-generator", "samsara-filter", "samsara-trainer", "samsara-judge", "samsara-gateway-run-events"],
            QueueNames.All);
        Assert.All(QueueNames.All, name => Assert.Matches(KebabName(), name));
    }

    [Theory]
    [InlineData("rabbitmq://127.0.0.1/vhost/samsara-trainer", "samsara-trainer")]
    [InlineData("loopback://localhost/samsara-trainer?temporary=true", "samsara-trainer")]
    [InlineData("queue:samsara-trainer", "samsara-trainer")]
    [InlineData("rabbitmq://127.0.0.1/", "")]
    public void The_queue_of_an_endpoint_address_is_its_last_segment(string address, string expected)
    {
        Assert.Equal(expected, QueueNames.NameOf(new Uri(address)));
    }

    [Fact]
    public void Error_queues_carry_masstransits_suffix()
    {
        Assert.Equal("samsara-judge_error", QueueNames.ErrorQueueOf(QueueNames.Judge));
    }

    [Fact]
    public void Commands_go_to_the_queue_of_the_service_that_does_them()
    {
        Assert.Equal(QueueNames.Generator, CommandRoutes.Queues[typeof(GenerateShard)]);
        Assert.Equal(QueueNames.Judge, CommandRoutes.Queues[typeof(EvaluationTask)]);
        Assert.Equal(new Uri("queue:samsara-judge"), CommandRoutes.AddressOf(QueueNames.Judge));
    }

    [Fact]
    public async Task An_event_cannot_be_sent_as_a_command()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            CommandRoutes.SendCommand(new UnusedEndpoints(), Support.Sample.RunRequested(Guid.NewGuid())));
        Assert.Contains("RunRequested has no queue", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Fails the test if the routing check lets the call through to an endpoint.</summary>
    private sealed class UnusedEndpoints : MassTransit.ISendEndpointProvider
    {
        public MassTransit.ConnectHandle ConnectSendObserver(MassTransit.ISendObserver observer) => throw new NotSupportedException();

        public Task<MassTransit.ISendEndpoint> GetSendEndpoint(Uri address) => throw new NotSupportedException();
    }
}
