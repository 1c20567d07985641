using Microsoft.Extensions.Options;
using Samsara.Stages.Generation;

namespace Samsara.Stages.Tests.Generation;

/// <summary>Local-model shards take turns (<c>Generator:LocalModelJobs</c>, one by default) so they never divide the cores.</summary>
public sealed class When_local_model_shards_share_the_process
{
    [Fact]
    public void Should_allow_one_local_model_shard_at_a_time_by_default() =>
        Assert.Equal(1, new GeneratorServiceOptions().LocalModelJobs);

    [Fact]
    public async Task Should_make_a_second_shard_wait_until_the_first_gives_its_slot_back()
    {
        using var slots = new LocalModelSlots(Options.Create(new GeneratorServiceOptions()));
        var first = await slots.TakeAsync(CancellationToken.None);

        var second = slots.TakeAsync(CancellationToken.None);
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second).Dispose();
    }

    [Fact]
    public async Task Should_give_a_slot_back_once_however_often_it_is_disposed()
    {
        using var slots = new LocalModelSlots(Options.Create(new GeneratorServiceOptions { LocalModelJobs = 2 }));
        var first = await slots.TakeAsync(CancellationToken.None);
        first.Dispose();
        first.Dispose();

        using var second = await slots.TakeAsync(CancellationToken.None);
        using var third = await slots.TakeAsync(CancellationToken.None);
        var fourth = slots.TakeAsync(CancellationToken.None);

        Assert.False(fourth.IsCompleted);
    }

    [Fact]
    public async Task Should_stop_waiting_when_the_shard_is_cancelled()
    {
        using var slots = new LocalModelSlots(Options.Create(new GeneratorServiceOptions()));
        using var held = await slots.TakeAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = slots.TakeAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
