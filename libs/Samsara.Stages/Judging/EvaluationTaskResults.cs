using System.Text.Json.Nodes;
using Samsara.Artifacts;
using Samsara.Engine;
using Samsara.Engine.Data;
using Samsara.Judging;

namespace Samsara.Stages.Judging;

/// <summary>
/// Where evaluation tasks leave their results, under the run's eval/tasks/: a marker <c>{id}.json</c> per finished
/// task (<c>{"items": N}</c>, written after the task's artifacts), and a judge batch's judgements, <c>{id}.jsonl</c>.
/// Both are written atomically, so a task redelivered after a replica was killed finds either nothing or its whole
/// result, and a task found done is only announced again.
/// </summary>
public sealed class EvaluationTaskResults(RunWorkspace workspace)
{
    public const string Folder = "tasks";

    /// <summary>The items a finished task counted, or null when it has not finished.</summary>
    public int? Done(string taskId)
    {
        var marker = PathOf(taskId, ".json");
        return File.Exists(marker) ? JsonNode.Parse(File.ReadAllText(marker))!["items"]!.GetValue<int>() : null;
    }

    public void MarkDone(string taskId, int items) => Write(PathOf(taskId, ".json"), new JsonObject { ["items"] = items }.ToJsonString() + "\n");

    public void WriteJudgements(string taskId, IReadOnlyList<JudgementRecord> records) =>
        Write(PathOf(taskId, ".jsonl"), string.Concat(records.Select(r => JudgementJson.ToJson(r).ToJsonString() + "\n")));

    /// <summary>A judge batch's judgements; a batch that is not there fails the report, naming it.</summary>
    public IReadOnlyList<JudgementRecord> Judgements(string taskId)
    {
        var path = PathOf(taskId, ".jsonl");
        if (!File.Exists(path)) throw new InvalidOperationException($"evaluation task {taskId} has no judgements at {path}");
        return Jsonl.Read(path).Select(JudgementJson.FromLine).ToList();
    }

    // Task ids are paths under eval/tasks/ (judge/dpo-vs-sft/0/2); they are made by EvaluationTasks, never by a user.
    private string PathOf(string taskId, string extension)
    {
        if (taskId.Length == 0 || taskId.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(taskId))
            throw new ArgumentException($"'{taskId}' is not an evaluation task id");
        return Path.Combine(workspace.Eval, Folder, taskId + extension);
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, text);
    }
}
