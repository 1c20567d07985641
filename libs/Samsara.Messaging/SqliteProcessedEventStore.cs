using Microsoft.Data.Sqlite;

namespace Samsara.Messaging;

/// <summary>
/// Processed event ids in a SQLite file, so a service that restarts still skips the events it had finished
/// (docs/architecture.md §10). One row per (queue, event); WAL mode so readers do not wait on the writer.
/// </summary>
public sealed class SqliteProcessedEventStore : IProcessedEventStore, IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS processed_events (
            scope        TEXT NOT NULL,
            event_id     TEXT NOT NULL,
            processed_at TEXT NOT NULL,
            PRIMARY KEY (scope, event_id)
        ) WITHOUT ROWID;
        """;

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    /// <summary>Uses (and creates if needed) the database file at <paramref name="path"/>.</summary>
    public SqliteProcessedEventStore(string path, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Another process (or a second consumer) may hold the write lock briefly; wait instead of failing.
            DefaultTimeout = 30,
        }.ToString();
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async ValueTask<bool> HasProcessedAsync(string scope, Guid eventId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM processed_events WHERE scope = $scope AND event_id = $event_id";
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$event_id", eventId.ToString("D"));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <inheritdoc />
    public async ValueTask MarkProcessedAsync(string scope, Guid eventId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO processed_events (scope, event_id, processed_at)
            VALUES ($scope, $event_id, $processed_at)
            """;
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$event_id", eventId.ToString("D"));
        command.Parameters.AddWithValue("$processed_at", _time.GetUtcNow().ToString("O"));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the pooled connections to the file.</summary>
    public void Dispose()
    {
        using (var connection = new SqliteConnection(_connectionString))
            SqliteConnection.ClearPool(connection);
        _schemaGate.Dispose();
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (!_schemaReady)
                await CreateSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task CreateSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
                return;
            await using var command = connection.CreateCommand();
            command.CommandText = Schema;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }
}
