using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Samsara.Actors.Internal.Embedded;

/// <summary>
/// The embedded runtime's SQLite file: one connection, in WAL mode with full sync, used by one operation at
/// a time. A single connection behind an async gate keeps writers from ever meeting SQLITE_BUSY in this
/// process, and actor state is cached per activation, so reads are rare enough not to need a pool.
/// </summary>
internal sealed class SqliteActorDatabase : IAsyncDisposable, IDisposable
{
    private const int SchemaVersion = 1;
    private readonly SqliteConnection connection;
    private readonly SemaphoreSlim gate = new(1, 1);

    public SqliteActorDatabase(ActorRuntimeOptions options, ILogger<SqliteActorDatabase> logger)
    {
        var path = Path.GetFullPath(options.Embedded.Path!);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // No pooling: disposing must really close the file, so a new runtime (or process) can open it.
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        connection = new SqliteConnection(connectionString.ToString());
        connection.Open();
        Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;");
        CreateSchema();
        ActorsLog.StoreOpened(logger, path);
    }

    /// <summary>Runs a read on the connection, alone.</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await read(connection);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Runs <paramref name="write"/> in one IMMEDIATE transaction: it commits whole or not at all.</summary>
    public async Task WriteAsync(Func<SqliteConnection, SqliteTransaction, Task> write, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            await write(connection, transaction);
            transaction.Commit();
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync();
        try
        {
            await connection.DisposeAsync();
        }
        finally
        {
            gate.Release();
            gate.Dispose();
        }
    }

    // For containers disposed synchronously; nothing else uses the connection by then.
    public void Dispose()
    {
        connection.Dispose();
        gate.Dispose();
    }

    private void CreateSchema()
    {
        using var version = connection.CreateCommand();
        version.CommandText = "PRAGMA user_version;";
        var found = Convert.ToInt32(version.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (found > SchemaVersion)
        {
            throw new InvalidOperationException($"The actor store {connection.DataSource} has schema version {found}; this build reads version {SchemaVersion}.");
        }

        // Times are Unix milliseconds (UTC). period_ms is -1 for a one-shot reminder. generation changes on
        // every registration, so a firing that raced with a re-registration cannot advance the new one.
        Execute($"""
            CREATE TABLE IF NOT EXISTS actor_state (
                actor_type TEXT NOT NULL, actor_id TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL,
                PRIMARY KEY (actor_type, actor_id, key)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS actor_reminders (
                actor_type TEXT NOT NULL, actor_id TEXT NOT NULL, name TEXT NOT NULL, state BLOB NOT NULL,
                due_time_ms INTEGER NOT NULL, period_ms INTEGER NOT NULL, next_due_ms INTEGER NOT NULL, generation TEXT NOT NULL,
                PRIMARY KEY (actor_type, actor_id, name)) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS actor_reminders_next_due ON actor_reminders (next_due_ms);
            PRAGMA user_version = {SchemaVersion};
            """);
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
