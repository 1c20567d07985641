using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Samsara.Stages.Jobs;

/// <summary>
/// Ties the jobs to the bus: once it has started, every accepted job recorded in the store whose kind this process
/// runs is claimed and started again if it is this worker's own or its lease lapsed (<see cref="JobLeases"/>: a worker
/// that died mid-job resumes it, from its checkpoint); before it stops, running jobs are cancelled and awaited, as
/// consumes in flight were.
/// </summary>
/// <remarks>
/// The jobs are resolved when the bus has started, not injected: MassTransit creates its observers while it creates
/// the bus, and <see cref="StageJobs"/> needs the bus.
/// </remarks>
internal sealed class StageJobsBusObserver(IServiceProvider services, JobRecords records, ILogger<StageJobsBusObserver> logger) : IBusObserver
{
    private StageJobs Jobs => services.GetRequiredService<StageJobs>();

    public async Task PostStart(IBus bus, Task<BusReady> busReady)
    {
        Jobs.Restart();
        var byKind = services.GetServices<IJobKind>().ToDictionary(k => k.Kind);
        foreach (var (_, _, record, path) in records.Accepted())
        {
            // Another service's kind (they share the store): not this process's to run.
            if (record is not null && !byKind.ContainsKey(record.Kind)) continue;
            try
            {
                if (record is null) throw new JsonException("unreadable");
                await byKind[record.Kind].ResumeAsync(record).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                JobsLog.Unreadable(logger, path);
            }
        }
    }

    public Task PreStop(IBus bus) => Jobs.StopAsync();

    public void PostCreate(IBus bus) { }

    public void CreateFaulted(Exception exception) { }

    public Task PreStart(IBus bus) => Task.CompletedTask;

    public Task StartFaulted(IBus bus, Exception exception) => Task.CompletedTask;

    public Task PostStop(IBus bus) => Task.CompletedTask;

    public Task StopFaulted(IBus bus, Exception exception) => Task.CompletedTask;
}
