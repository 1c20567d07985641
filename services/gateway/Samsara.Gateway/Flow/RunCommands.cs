using MassTransit;
using Samsara.Contracts;
using Samsara.Messaging;

namespace Samsara.Gateway.Flow;

/// <summary>Sends the commands a RunActor's flow decided, each to its worker's queue (<see cref="CommandRoutes"/>).</summary>
public sealed class RunCommands(IBus bus)
{
    public async Task SendAsync(IReadOnlyList<IRunMessage> commands, CancellationToken ct = default)
    {
        foreach (var command in commands)
            await bus.SendCommand(command, ct);
    }
}
