using Microsoft.Extensions.Options;

namespace Samsara.Stages.Generation;

/// <summary>
/// How many shards this process generates with a local model at once (<c>Generator:LocalModelJobs</c>, one by default).
/// One because a real model should be held once in memory and have one owner of its GPU; each local generation already
/// uses every torch thread. It is not a CPU saving: on the tiny default models, where one generation leaves cores idle,
/// one at a time took 1.02x the CPU and 1.31x the wall time of two (README, "Generator:LocalModelJobs"). A shard of an
/// endpoint teacher waits on the network and takes no slot: those are bounded only by <c>Generator:MaxConcurrentJobs</c>.
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
