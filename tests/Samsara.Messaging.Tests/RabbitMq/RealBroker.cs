namespace Samsara.Messaging.Tests.RabbitMq;

/// <summary>The broker tests: one at a time, since one of them restarts the broker under the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealBroker : ICollectionFixture<BrokerFixture>
{
    public const string Name = "RabbitMQ";
}
