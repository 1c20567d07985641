using Samsara.Messaging.Tests.Support;

namespace Samsara.Messaging.Tests.Idempotency;

/// <summary>The same behaviour from both stores; SQLite also keeps it across instances (a restart).</summary>
public sealed class ProcessedEventStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string> Stores() => new("memory", "sqlite");

    private IProcessedEventStore Open(string kind) => kind == "memory"
        ? new InMemoryProcessedEventStore()
        : new SqliteProcessedEventStore(_directory.File("nested/dir/events.db"));

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task An_event_is_processed_once_marked_and_marking_again_is_harmless(string kind)
    {
        var store = Open(kind);
        var eventId = Guid.NewGuid();

        Assert.False(await store.HasProcessedAsync(QueueNames.Filter, eventId, CancellationToken.None));
        await store.MarkProcessedAsync(QueueNames.Filter, eventId, CancellationToken.None);
        await store.MarkProcessedAsync(QueueNames.Filter, eventId, CancellationToken.None);

        Assert.True(await store.HasProcessedAsync(QueueNames.Filter, eventId, CancellationToken.None));
        Assert.False(await store.HasProcessedAsync(QueueNames.Filter, Guid.NewGuid(), CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Each_queue_keeps_its_own_marks(string kind)
    {
        var store = Open(kind);
        var eventId = Guid.NewGuid();

        await store.MarkProcessedAsync(QueueNames.Judge, eventId, CancellationToken.None);

        Assert.False(await store.HasProcessedAsync(QueueNames.GatewayRunEvents, eventId, CancellationToken.None));
    }

    [Fact]
    public async Task Sqlite_marks_survive_a_new_instance_on_the_same_file()
    {
        var path = _directory.File("events.db");
        var eventId = Guid.NewGuid();
        using (var first = new SqliteProcessedEventStore(path))
            await first.MarkProcessedAsync(QueueNames.Trainer, eventId, CancellationToken.None);

        using var second = new SqliteProcessedEventStore(path);

        Assert.True(await second.HasProcessedAsync(QueueNames.Trainer, eventId, CancellationToken.None));
    }
}
