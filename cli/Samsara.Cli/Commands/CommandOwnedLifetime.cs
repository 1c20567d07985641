using Microsoft.Extensions.Hosting;

namespace Samsara.Cli.Commands;

/// <summary>
/// The lifetime of a host a command starts and stops itself (<see cref="AllInOneHost"/>): Ctrl+C and SIGTERM belong
/// to the command. The default console lifetime would take those signals, keep the process alive and only flag the
/// host as stopping, so `samsara run` would go on with the run as if nothing had been pressed.
/// </summary>
internal sealed class CommandOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
