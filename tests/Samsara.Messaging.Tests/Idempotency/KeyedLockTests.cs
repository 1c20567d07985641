using Samsara.Messaging.Internal;

namespace Samsara.Messaging.Tests.Idempotency;

public class KeyedLockTests
{
    [Fact]
    public async Task The_same_key_waits_for_the_holder()
    {
        var locks = new KeyedLock();
        var first = await locks.AcquireAsync("samsara-filter/e1", CancellationToken.None);

        var second = locks.AcquireAsync("samsara-filter/e1", CancellationToken.None);
        await Task.Delay(50);
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second).Dispose();
    }

    [Fact]
    public async Task Another_key_does_not_wait()
    {
        var locks = new KeyedLock();
        using var first = await locks.AcquireAsync("samsara-filter/e1", CancellationToken.None);

        var other = locks.AcquireAsync("samsara-filter/e2", CancellationToken.None);

        Assert.True(other.IsCompletedSuccessfully);
        (await other).Dispose();
    }

    [Fact]
    public async Task Keys_are_forgotten_once_released_or_cancelled()
    {
        var locks = new KeyedLock();
        var held = await locks.AcquireAsync("k", CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = locks.AcquireAsync("k", cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        held.Dispose();
        held.Dispose();

        Assert.Equal(0, locks.Count);
    }
}
