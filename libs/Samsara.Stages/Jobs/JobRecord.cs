using System.Text.Json;

namespace Samsara.Stages.Jobs;

/// <summary>
/// An accepted job as written in the run's workspace: what it is, the queue its command came from (where a failure is
/// raised again) and the command itself, so a restarted worker can run it again.
/// </summary>
public sealed record JobRecord(string Kind, string Queue, JsonElement Message);
