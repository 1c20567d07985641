namespace Samsara.Stages.Internal;

/// <summary>
/// Runs a stage's synchronous, long, CPU- or GPU-bound work on a thread of its own. On a pool thread it would hold
/// one of the few threads MassTransit's receive loops and the health endpoints need, for minutes.
/// </summary>
internal static class Blocking
{
    public static Task<T> Run<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public static Task Run(Action work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
