using Samsara.Testing.Broker;

namespace Samsara.Messaging.Tests.RabbitMq;

/// <summary>
/// Checks once, before the broker tests, that the broker is there, and fails every one of them with what to do if not.
/// These tests never skip: a missing broker is a broken test environment (CI starts one).
/// </summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    private const string HowToStart =
        "The RabbitMQ tests need a real broker on loopback: apt-get install -y rabbitmq-server, then " +
        "bash scripts/start-rabbitmq.sh (CI does both before dotnet test).";

    public async Task InitializeAsync()
    {
        if (!Broker.IsLoopback)
            throw new InvalidOperationException($"{Broker.EnvironmentVariable} must name a broker on loopback (the tests restart it), not {Broker.Host}.");

        try
        {
            await using var connection = await Broker.ConnectAsync();
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException(
                $"RabbitMQ is not reachable at {Broker.Display} ({Broker.EnvironmentVariable}, default {Broker.DefaultUri}): " +
                $"{exception.InnerException?.Message ?? exception.Message}. {HowToStart}", exception);
        }

        try
        {
            await Rabbitmqctl.RunAsync("await_startup", "--timeout", "30");
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException(
                $"rabbitmqctl cannot reach node {Rabbitmqctl.Node} (SAMSARA_TEST_RABBITMQ_NODE): {exception.Message} {HowToStart}", exception);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
