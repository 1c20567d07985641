using MassTransit;

namespace Samsara.Messaging.Tests.Support;

/// <summary>
/// Holds its first delivery until the test opens <see cref="Gate"/>, like a long training inside a consume; every
/// later delivery passes straight through. Records what it finished.
/// </summary>
internal sealed class GatedConsumer<T>(Gate gate, Recorder<T> recorder) : IConsumer<T>
    where T : class
{
    public async Task Consume(ConsumeContext<T> context)
    {
        recorder.Attempted(context);
        await gate.PassAsync();
        recorder.Delivered(context);
    }
}

/// <summary>The first caller of <see cref="PassAsync"/> waits until <see cref="Open"/>; it says when it started waiting.</summary>
internal sealed class Gate
{
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Entered => _entered.Task;

    public Task PassAsync() => _entered.TrySetResult() ? _opened.Task : Task.CompletedTask;

    public void Open() => _opened.TrySetResult();
}
