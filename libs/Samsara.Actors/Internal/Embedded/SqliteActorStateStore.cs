using Microsoft.Data.Sqlite;

namespace Samsara.Actors.Internal.Embedded;

/// <summary>
/// Actor state in the SQLite file. A turn's state and reminder changes go into one transaction, so a turn
/// that fails, or a process that dies mid-commit, leaves the file as it was before the turn.
/// </summary>
internal sealed class SqliteActorStateStore(SqliteActorDatabase database, ReminderWakeup wakeup) : IActorStateStore
{
    public Task<byte[]?> LoadAsync(ActorKey actor, string key, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT value FROM actor_state WHERE actor_type = $type AND actor_id = $id AND key = $key;";
            command.Parameters.AddWithValue("$type", actor.Type);
            command.Parameters.AddWithValue("$id", actor.Id);
            command.Parameters.AddWithValue("$key", key);
            return await command.ExecuteScalarAsync(cancellationToken) as byte[];
        }, cancellationToken);

    public async Task CommitAsync(ActorKey actor, IReadOnlyList<StateChange> changes, ActorTurn turn, CancellationToken cancellationToken)
    {
        if (changes.Count == 0 && turn.ReminderChanges.Count == 0)
        {
            return;
        }

        await database.WriteAsync(async (connection, transaction) =>
        {
            foreach (var change in changes)
            {
                await WriteAsync(connection, transaction, actor, change, cancellationToken);
            }

            foreach (var change in turn.ReminderChanges)
            {
                await SqliteReminderTable.ApplyAsync(connection, transaction, actor, change, cancellationToken);
            }
        }, cancellationToken);

        if (turn.ReminderChanges.Count > 0)
        {
            wakeup.Set(); // the scheduler recomputes what is due next
        }
    }

    private static async Task WriteAsync(SqliteConnection connection, SqliteTransaction transaction, ActorKey actor, StateChange change, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = change.Value is null
            ? "DELETE FROM actor_state WHERE actor_type = $type AND actor_id = $id AND key = $key;"
            : """
              INSERT INTO actor_state (actor_type, actor_id, key, value) VALUES ($type, $id, $key, $value)
              ON CONFLICT (actor_type, actor_id, key) DO UPDATE SET value = excluded.value;
              """;
        command.Parameters.AddWithValue("$type", actor.Type);
        command.Parameters.AddWithValue("$id", actor.Id);
        command.Parameters.AddWithValue("$key", change.Key);
        if (change.Value is not null)
        {
            command.Parameters.AddWithValue("$value", change.Value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
