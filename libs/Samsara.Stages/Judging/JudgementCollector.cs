using System.Text.Json.Nodes;
using Samsara.Contracts;
using Samsara.Engine.Data;
using Samsara.Judging;

namespace Samsara.Stages.Judging;

/// <summary>
/// Gathers the results of a set of <see cref="JudgePair"/> tasks by task id: the first result of each task is kept,
/// a repeat (the task judged twice) is counted and dropped, a result for a task not asked for is counted and
/// dropped. <see cref="WhenCompleteAsync"/> finishes once every task has a result; <see cref="Missing"/> names the rest.
/// </summary>
public sealed class JudgementCollector
{
    private readonly Lock gate = new();
    private readonly HashSet<Guid> expected;
    private readonly Dictionary<Guid, PairJudged> results = [];
    private readonly TaskCompletionSource complete = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public JudgementCollector(IEnumerable<Guid> taskIds)
    {
        expected = [.. taskIds];
        if (expected.Count == 0) complete.SetResult();
    }

    public int Repeats { get; private set; }

    public int Unexpected { get; private set; }

    /// <summary>Records a result; true when it is the first for its task.</summary>
    public bool Add(PairJudged result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (gate)
        {
            if (!expected.Contains(result.TaskId))
            {
                Unexpected++;
                return false;
            }
            if (!results.TryAdd(result.TaskId, result))
            {
                Repeats++;
                return false;
            }
            if (results.Count == expected.Count) complete.TrySetResult();
            return true;
        }
    }

    public IReadOnlyList<PairJudged> Results
    {
        get
        {
            lock (gate) return [.. results.Values];
        }
    }

    public IReadOnlyList<Guid> Missing
    {
        get
        {
            lock (gate) return [.. expected.Where(id => !results.ContainsKey(id))];
        }
    }

    public Task WhenCompleteAsync(CancellationToken cancellationToken) => complete.Task.WaitAsync(cancellationToken);

    /// <summary>The kept judgements as records, for a judgements file or a report.</summary>
    public IReadOnlyList<JudgementRecord> Records() => Results.Select(r =>
        JudgementJson.FromLine(new JsonlRecord(JsonNode.Parse(r.Judgement)!.AsObject(), $"task {r.TaskId}", 1))).ToList();
}
