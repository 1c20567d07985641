using Microsoft.Data.Sqlite;
using Samsara.Actors.Tests.Sample;
using Samsara.Actors.Tests.Support;

namespace Samsara.Actors.Tests.Embedded;

/// <summary>State in the SQLite file: committed per turn, whole or not at all, and there after a restart.</summary>
public sealed class StatePersistenceTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task State_survives_a_new_runtime_on_the_same_file()
    {
        var path = temp.File("actors.db");
        await using (var first = await EmbeddedRuntime.StartAsync(path))
        {
            await first.Counter("a").IncrementAsync(2);
            await first.Counter("a").IncrementAsync(3);
            await first.Counter("b").IncrementAsync(7);
        }

        await using var second = await EmbeddedRuntime.StartAsync(path);
        Assert.Equal(5, await second.Counter("a").ReadAsync("count"));
        Assert.Equal(7, await second.Counter("b").ReadAsync("count"));
        Assert.Equal(0, await second.Counter("never-called").ReadAsync("count"));
    }

    [Fact]
    public async Task A_failed_turn_commits_nothing()
    {
        var path = temp.File("actors.db");
        await using (var runtime = await EmbeddedRuntime.StartAsync(path))
        {
            var counter = runtime.Counter("a");
            await counter.IncrementAsync(2);

            var failure = await Assert.ThrowsAsync<ActorMethodInvocationException>(() => counter.IncrementThenFailAsync(10));

            Assert.IsType<InvalidOperationException>(failure.InnerException);
            Assert.Contains("boom after adding 10", failure.Message, StringComparison.Ordinal);
            Assert.Equal(2, await counter.ReadAsync("count")); // the cache was dropped with the turn
            Assert.Equal(3, await counter.IncrementAsync(1)); // and the actor goes on from committed state
        }

        Assert.Equal("3", ReadStoredValue(path, "Counter", "a", "count"));
    }

    [Fact]
    public async Task State_is_stored_as_json_in_a_wal_file()
    {
        var path = temp.File("actors.db");
        var since = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
        await using (var runtime = await EmbeddedRuntime.StartAsync(path))
        {
            var saved = await runtime.Counter("p").SaveProfileAsync(new Profile("Ada", ["math", "engines"], since));
            Assert.Equal(["math", "engines"], saved.Tags);
        }

        Assert.Equal("""{"displayName":"Ada","tags":["math","engines"],"since":"2024-05-01T12:00:00+00:00"}""", ReadStoredValue(path, "Counter", "p", "profile"));
        using var connection = Open(path);
        using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", mode.ExecuteScalar());
    }

    [Fact]
    public async Task Unknown_methods_and_actor_types_fail_without_running_anything()
    {
        await using var runtime = await EmbeddedRuntime.StartAsync(temp.File("actors.db"));

        var noMethod = await Assert.ThrowsAsync<ActorMethodInvocationException>(() =>
            runtime.Proxies.Create(new ActorId("a"), "Counter").InvokeMethodAsync("NoSuchMethod"));
        var noType = await Assert.ThrowsAsync<ActorMethodInvocationException>(() =>
            runtime.Proxies.InvokeAsync<int, int>("NoSuchActor", new ActorId("a"), "IncrementAsync", 1));

        Assert.Contains("no method NoSuchMethod", noMethod.Message, StringComparison.Ordinal);
        Assert.Contains("NoSuchActor is not registered", noType.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(runtime.Probe.Events, e => e.StartsWith("activate:", StringComparison.Ordinal));
    }

    public void Dispose() => temp.Dispose();

    private static string? ReadStoredValue(string path, string type, string id, string key)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM actor_state WHERE actor_type = $t AND actor_id = $i AND key = $k;";
        command.Parameters.AddWithValue("$t", type);
        command.Parameters.AddWithValue("$i", id);
        command.Parameters.AddWithValue("$k", key);
        return command.ExecuteScalar() is byte[] value ? System.Text.Encoding.UTF8.GetString(value) : null;
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
