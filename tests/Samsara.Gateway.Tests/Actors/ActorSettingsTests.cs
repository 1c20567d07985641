using Samsara.Gateway.Tests.Infrastructure;

namespace Samsara.Gateway.Tests.Actors;

/// <summary>A bad Actors setting stops the gateway at start with one line naming the key and the value.</summary>
public sealed class ActorSettingsTests : IDisposable
{
    private readonly GatewayWorkspace workspace = new();

    [Theory]
    [InlineData("Actors:Runtime", "daprd", "Actors:Runtime must be 'embedded' or 'dapr', not 'daprd'.")]
    [InlineData("Actors:IdleTimeout", "10m", "Actors:IdleTimeout must be a positive duration such as 00:10:00, not '10m'.")]
    [InlineData("Actors:Reentrancy:Enabled", "yes", "Actors:Reentrancy:Enabled must be true or false, not 'yes'.")]
    public async Task A_bad_value_is_refused_naming_the_key(string key, string value, string message)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => GatewayServer.StartAsync(workspace, new Dictionary<string, string?> { [key] = value }));
        Assert.Equal(message, error.Message);
    }

    public void Dispose() => workspace.Dispose();
}
