using Samsara.Contracts;
using Samsara.Messaging.Internal;

namespace Samsara.Messaging.Tests.Idempotency;

public class ScopeTests
{
    [Theory]
    [InlineData("rabbitmq://127.0.0.1/samsara-judge", "samsara-judge")]
    [InlineData("rabbitmq://broker/samsara/samsara-judge?bind=true", "samsara-judge")]
    [InlineData("loopback://localhost/samsara-filter", "samsara-filter")]
    public void The_scope_of_a_delivery_is_its_queue(string address, string expected)
    {
        Assert.Equal(expected, IdempotentConsumeFilter<RunRequested>.ScopeOf(new Uri(address)));
    }
}
