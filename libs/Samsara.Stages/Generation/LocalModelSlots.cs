using Microsoft.Extensions.Options;

namespace Samsara.Stages.Generation;

/// <summary>
/// How many shards this process generates with a local model at once (<c>Generator:LocalModelJobs</c>, one by default).
/// A local model's generation already uses every torch thread (all cores, or the GPU), so a second one at the same time
/// only divides the same cores — each paying for its own copy of the model and for the threads' contention — and the
/// run takes more CPU for no less wall time. A shard of an endpoint teacher waits on the network and takes no slot:
/// those are bounded only by <c>Generator:MaxConcurrentJobs</c>.
/// </summary>
public sealed class LocalModelSlots(IOptions<GeneratorServiceOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.LocalModelJobs);

    /// <summary>Waits for a slot; the returned handle gives it back.</summary>
    public async Task<IDisposable> TakeAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Slot(_slots);
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release();
        }
    }
}
