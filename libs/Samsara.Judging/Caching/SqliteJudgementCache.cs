using Microsoft.Data.Sqlite;

namespace Samsara.Judging.Caching;

/// <summary>
/// Judge calls in a SQLite file, so a rerun (or a judge replica that picks up a redelivered task) pays for nothing it
/// already has. WAL mode and a busy timeout let several processes share one file.
/// </summary>
public sealed class SqliteJudgementCache : IJudgementCache, IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS judge_calls (
            key       TEXT NOT NULL PRIMARY KEY,
            verdict   TEXT NOT NULL,
            raw       TEXT NOT NULL,
            stored_at TEXT NOT NULL
        ) WITHOUT ROWID;
        """;

    private readonly string connectionString;
    private readonly SemaphoreSlim schemaGate = new(1, 1);
    private volatile bool schemaReady;

    public SqliteJudgementCache(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        Path = fullPath;
        connectionString = new SqliteConnectionStringBuilder { DataSource = fullPath, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString();
    }

    public string Path { get; }

    public async Task<SlotJudgement?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT verdict, raw FROM judge_calls WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        return Enum.TryParse<SlotVerdict>(reader.GetString(0), out var verdict) ? new SlotJudgement(verdict, reader.GetString(1)) : null;
    }

    public async Task PutAsync(string key, SlotJudgement judgement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(judgement);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO judge_calls (key, verdict, raw, stored_at) VALUES ($key, $verdict, $raw, $at)";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$verdict", judgement.Verdict.ToString());
        command.Parameters.AddWithValue("$raw", judgement.Raw);
        command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => schemaGate.Dispose();

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (!schemaReady)
            {
                await schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    if (!schemaReady)
                    {
                        await using var command = connection.CreateCommand();
                        command.CommandText = Schema;
                        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        schemaReady = true;
                    }
                }
                finally
                {
                    schemaGate.Release();
                }
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
