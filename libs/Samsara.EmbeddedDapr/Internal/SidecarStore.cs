using Microsoft.Data.Sqlite;

namespace Samsara.EmbeddedDapr.Internal;

/// <summary>
/// The sidecar's SQLite file: actor state (with an optional expiry, for TTL) and reminders. One connection in WAL
/// mode with full sync behind an async gate, so writers in this process never meet SQLITE_BUSY and a transaction
/// applies whole. No pooling: disposing really closes the file, so a restarted host can open it.
/// </summary>
internal sealed class SidecarStore : IAsyncDisposable
{
    private readonly SqliteConnection connection;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly TimeProvider clock;

    public SidecarStore(string path, TimeProvider clock)
    {
        this.clock = clock;
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;
            CREATE TABLE IF NOT EXISTS dapr_actor_state (
                actor_type TEXT NOT NULL, actor_id TEXT NOT NULL, key TEXT NOT NULL,
                value BLOB NOT NULL, expires_at INTEGER NULL,
                PRIMARY KEY (actor_type, actor_id, key));
            CREATE TABLE IF NOT EXISTS dapr_reminders (
                actor_type TEXT NOT NULL, actor_id TEXT NOT NULL, name TEXT NOT NULL,
                due_time TEXT NOT NULL, period TEXT NOT NULL, data TEXT NULL,
                next_due INTEGER NOT NULL, remaining INTEGER NULL, expires_at INTEGER NULL,
                PRIMARY KEY (actor_type, actor_id, name));
            """);
    }

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The stored value and its expiry, or null when absent or expired.</summary>
    public Task<(byte[] Value, DateTimeOffset? ExpiresAt)?> GetStateAsync(ActorKey actor, string key, CancellationToken ct) => LockedAsync(async () =>
    {
        using var command = Command("SELECT value, expires_at FROM dapr_actor_state WHERE actor_type = $t AND actor_id = $i AND key = $k AND (expires_at IS NULL OR expires_at > $now)",
            ("$t", actor.Type), ("$i", actor.Id), ("$k", key), ("$now", Now));
        using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return ((byte[], DateTimeOffset?)?)null;
        DateTimeOffset? expires = reader.IsDBNull(1) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
        return ((byte[])reader.GetValue(0), expires);
    }, ct);

    /// <summary>Applies every operation in one transaction: all or nothing.</summary>
    public Task SaveStateAsync(ActorKey actor, IReadOnlyList<StateOperation> operations, CancellationToken ct) => LockedAsync(async () =>
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        foreach (var op in operations)
        {
            using var command = op.Value is null
                ? Command("DELETE FROM dapr_actor_state WHERE actor_type = $t AND actor_id = $i AND key = $k", ("$t", actor.Type), ("$i", actor.Id), ("$k", op.Key))
                : Command("INSERT OR REPLACE INTO dapr_actor_state VALUES ($t, $i, $k, $v, $e)",
                    ("$t", actor.Type), ("$i", actor.Id), ("$k", op.Key), ("$v", op.Value), ("$e", op.Ttl is { } ttl ? Now + (long)ttl.TotalMilliseconds : null));
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(ct);
        }

        transaction.Commit();
        return true;
    }, ct);

    public Task<bool> ReminderExistsAsync(ActorKey actor, string name, CancellationToken ct) => LockedAsync(async () =>
    {
        using var command = Command("SELECT 1 FROM dapr_reminders WHERE actor_type = $t AND actor_id = $i AND name = $n", ("$t", actor.Type), ("$i", actor.Id), ("$n", name));
        return await command.ExecuteScalarAsync(ct) is not null;
    }, ct);

    public Task PutReminderAsync(StoredReminder reminder, CancellationToken ct) => LockedAsync(async () =>
    {
        using var command = Command("INSERT OR REPLACE INTO dapr_reminders VALUES ($t, $i, $n, $d, $p, $data, $next, $rem, $e)",
            ("$t", reminder.Actor.Type), ("$i", reminder.Actor.Id), ("$n", reminder.Name), ("$d", reminder.DueTime), ("$p", reminder.Period),
            ("$data", reminder.Data), ("$next", reminder.NextDue.ToUnixTimeMilliseconds()), ("$rem", reminder.Remaining),
            ("$e", reminder.ExpiresAt?.ToUnixTimeMilliseconds()));
        await command.ExecuteNonQueryAsync(ct);
        return true;
    }, ct);

    public Task DeleteReminderAsync(ActorKey actor, string name, CancellationToken ct) => LockedAsync(async () =>
    {
        using var command = Command("DELETE FROM dapr_reminders WHERE actor_type = $t AND actor_id = $i AND name = $n", ("$t", actor.Type), ("$i", actor.Id), ("$n", name));
        await command.ExecuteNonQueryAsync(ct);
        return true;
    }, ct);

    public async Task<StoredReminder?> GetReminderAsync(ActorKey actor, string name, CancellationToken ct) =>
        (await ReadRemindersAsync("actor_type = $t AND actor_id = $i AND name = $n", ct, ("$t", actor.Type), ("$i", actor.Id), ("$n", name))).SingleOrDefault();

    /// <summary>Reminders due by now, soonest first.</summary>
    public Task<IReadOnlyList<StoredReminder>> DueRemindersAsync(CancellationToken ct) =>
        ReadRemindersAsync("next_due <= $now ORDER BY next_due", ct, ("$now", Now));

    private Task<IReadOnlyList<StoredReminder>> ReadRemindersAsync(string where, CancellationToken ct, params (string, object?)[] parameters) => LockedAsync(async () =>
    {
        using var command = Command($"SELECT actor_type, actor_id, name, due_time, period, data, next_due, remaining, expires_at FROM dapr_reminders WHERE {where}", parameters);
        using var reader = await command.ExecuteReaderAsync(ct);
        var found = new List<StoredReminder>();
        while (await reader.ReadAsync(ct))
        {
            found.Add(new StoredReminder(
                new ActorKey(reader.GetString(0), reader.GetString(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                reader.IsDBNull(7) ? null : reader.GetInt32(7), reader.IsDBNull(8) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8))));
        }

        return (IReadOnlyList<StoredReminder>)found;
    }, ct);

    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync();
        await connection.DisposeAsync();
        gate.Dispose();
    }

    private async Task<T> LockedAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            return await work();
        }
        finally
        {
            gate.Release();
        }
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }
}

/// <summary>One operation of a state transaction: an upsert (Value set, optional TTL) or a delete (Value null).</summary>
internal sealed record StateOperation(string Key, byte[]? Value, TimeSpan? Ttl);

/// <summary>A persisted reminder: as registered (due time, period and data replayed unchanged) plus when it fires next.</summary>
/// <param name="Remaining">For an <c>Rn/…</c> period, how many fires are left; null when unbounded.</param>
internal sealed record StoredReminder(ActorKey Actor, string Name, string DueTime, string Period, string? Data, DateTimeOffset NextDue, int? Remaining, DateTimeOffset? ExpiresAt);

/// <summary>An actor by type and id.</summary>
internal readonly record struct ActorKey(string Type, string Id)
{
    public override string ToString() => $"{Type}/{Id}";
}
