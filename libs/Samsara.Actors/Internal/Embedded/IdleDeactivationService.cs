using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Samsara.Actors.Internal.Embedded;

/// <summary>
/// The embedded runtime's counterpart of daprd's idle tracking: every ScanInterval, deactivate actors unused
/// for IdleTimeout. On shutdown every active actor is deactivated, so OnDeactivateAsync always runs.
/// </summary>
internal sealed class IdleDeactivationService(ActorManager manager, ActorRuntimeOptions options, TimeProvider clock, ILogger<IdleDeactivationService> logger) : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await manager.DeactivateAllAsync();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.ScanInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await manager.DeactivateIdleAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    ActorsLog.LoopFailed(logger, ex, nameof(IdleDeactivationService));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
