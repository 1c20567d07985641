using Microsoft.Data.Sqlite;

namespace Samsara.Actors.Internal.Embedded;

/// <summary>Reads and writes the <c>actor_reminders</c> table.</summary>
internal sealed class SqliteReminderTable(SqliteActorDatabase database)
{
    private const string Columns = "actor_type, actor_id, name, state, due_time_ms, period_ms, next_due_ms, generation";

    /// <summary>The reminders due soonest, due or not, earliest first.</summary>
    public Task<IReadOnlyList<ReminderRecord>> GetEarliestAsync(int limit, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM actor_reminders ORDER BY next_due_ms LIMIT $limit;";
            command.Parameters.AddWithValue("$limit", limit);
            return await ReadAllAsync(command, cancellationToken);
        }, cancellationToken);

    public Task<ReminderRecord?> GetAsync(ActorKey actor, string name, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM actor_reminders WHERE actor_type = $type AND actor_id = $id AND name = $name;";
            AddKey(command, actor, name);
            return (await ReadAllAsync(command, cancellationToken)).SingleOrDefault();
        }, cancellationToken);

    /// <summary>After a failed delivery (whose turn wrote nothing): try again at <paramref name="at"/>.</summary>
    public Task RescheduleAsync(ActorKey actor, string name, string generation, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
            ApplyAsync(connection, transaction, actor, new ReminderDelivered(name, generation, at), cancellationToken), cancellationToken);

    public static async Task ApplyAsync(SqliteConnection connection, SqliteTransaction transaction, ActorKey actor, ReminderChange change, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        AddKey(command, actor, change.Name);
        switch (change)
        {
            case ReminderRegistered { Record: var record }:
                command.CommandText = $"""
                    INSERT INTO actor_reminders ({Columns}) VALUES ($type, $id, $name, $state, $due, $period, $next, $generation)
                    ON CONFLICT (actor_type, actor_id, name) DO UPDATE SET state = excluded.state, due_time_ms = excluded.due_time_ms,
                        period_ms = excluded.period_ms, next_due_ms = excluded.next_due_ms, generation = excluded.generation;
                    """;
                command.Parameters.AddWithValue("$state", record.Reminder.State);
                command.Parameters.AddWithValue("$due", (long)record.Reminder.DueTime.TotalMilliseconds);
                command.Parameters.AddWithValue("$period", record.Reminder.Period == Timeout.InfiniteTimeSpan ? -1L : (long)record.Reminder.Period.TotalMilliseconds);
                command.Parameters.AddWithValue("$next", record.NextDueAt.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$generation", record.Generation);
                break;
            case ReminderUnregistered:
                command.CommandText = "DELETE FROM actor_reminders WHERE actor_type = $type AND actor_id = $id AND name = $name;";
                break;
            case ReminderDelivered { NextDueAt: null } delivered:
                command.CommandText = "DELETE FROM actor_reminders WHERE actor_type = $type AND actor_id = $id AND name = $name AND generation = $generation;";
                command.Parameters.AddWithValue("$generation", delivered.Generation);
                break;
            case ReminderDelivered { NextDueAt: { } next } delivered:
                command.CommandText = "UPDATE actor_reminders SET next_due_ms = $next WHERE actor_type = $type AND actor_id = $id AND name = $name AND generation = $generation;";
                command.Parameters.AddWithValue("$next", next.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$generation", delivered.Generation);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown reminder change.");
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddKey(SqliteCommand command, ActorKey actor, string name)
    {
        command.Parameters.AddWithValue("$type", actor.Type);
        command.Parameters.AddWithValue("$id", actor.Id);
        command.Parameters.AddWithValue("$name", name);
    }

    private static async Task<IReadOnlyList<ReminderRecord>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var records = new List<ReminderRecord>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var period = reader.GetInt64(5);
            var reminder = new ActorReminder(
                reader.GetString(2),
                (byte[])reader.GetValue(3),
                TimeSpan.FromMilliseconds(reader.GetInt64(4)),
                period < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(period));
            records.Add(new ReminderRecord(
                new ActorKey(reader.GetString(0), reader.GetString(1)),
                reminder,
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                reader.GetString(7)));
        }

        return records;
    }
}
