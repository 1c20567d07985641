using Google.Protobuf.WellKnownTypes;
using Samsara.Api.V1;
using Samsara.Contracts;

namespace Samsara.Gateway.Runs;

/// <summary>
/// Builds the RunEvents a contract message stands for. Ids derive from the message's EventId (a suffix when one
/// message yields several events), so a redelivered message produces the same ids and is applied once.
/// </summary>
public static class RunEvents
{
    public static RunEvent State(IRunMessage m, RunState state, string suffix = "", string reason = "") => new()
    {
        RunId = m.RunId.ToString("D"),
        EventId = Id(m, suffix),
        At = Timestamp.FromDateTimeOffset(m.OccurredAt),
        StateChanged = state,
        Reason = reason,
    };

    public static RunEvent Progress(IRunMessage m, string stage, long done, long total, string unit, string suffix = "") => new()
    {
        RunId = m.RunId.ToString("D"),
        EventId = Id(m, suffix),
        At = Timestamp.FromDateTimeOffset(m.OccurredAt),
        Progress = new StageProgress { Stage = stage, Done = (ulong)Math.Max(0, done), Total = (ulong)Math.Max(0, total), Unit = unit },
    };

    public static RunEvent Message(IRunMessage m, string text, string suffix = "") => new()
    {
        RunId = m.RunId.ToString("D"),
        EventId = Id(m, suffix),
        At = Timestamp.FromDateTimeOffset(m.OccurredAt),
        Message = text,
    };

    /// <summary>Figures for Run.metrics, by their full names, in name order.</summary>
    public static RunEvent Evaluation(IRunMessage m, IReadOnlyDictionary<string, double> metrics, string suffix = "")
    {
        var summary = new EvaluationSummary();
        summary.Metrics.Add(metrics.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new Metric { Name = kv.Key, Value = kv.Value }));
        return new RunEvent { RunId = m.RunId.ToString("D"), EventId = Id(m, suffix), At = Timestamp.FromDateTimeOffset(m.OccurredAt), Evaluation = summary };
    }

    /// <summary>
    /// A stage's progress name in a round of the run: <c>generate</c>, <c>filter</c> for the first round, and
    /// <c>generate:sami:iter2</c>, <c>filter:sami:iter2</c> for an iteration of iterated SAMI.
    /// </summary>
    public static string StageName(string stage, SamiIteration? iteration) =>
        iteration is null ? stage : $"{stage}:{iteration.Algorithm.Name()}:iter{iteration.Number}";

    /// <summary>A training's progress name: <c>train:sami</c>, and <c>train:sami:iter2</c> from its second iteration on.</summary>
    public static string TrainingStageName(TrainingAlgorithm algorithm, int iteration) =>
        iteration > 1 ? $"train:{algorithm.Name()}:iter{iteration}" : $"train:{algorithm.Name()}";

    public static string Id(IRunMessage m, string suffix) => suffix.Length == 0 ? m.EventId.ToString("D") : $"{m.EventId:D}/{suffix}";
}
