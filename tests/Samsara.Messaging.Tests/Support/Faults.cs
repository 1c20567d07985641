using Samsara.Contracts;

namespace Samsara.Messaging.Tests.Support;

/// <summary>Which runs the failing test consumers fail, and how often.</summary>
internal sealed class Faults
{
    /// <summary>The exception message of a poison run: what must reach the error queue.</summary>
    public const string PoisonReason = "Checkpoint runs/x/training/checkpoint has no config.json";

    private readonly HashSet<Guid> _poisoned = [];
    private readonly Dictionary<Guid, int> _transientFailuresLeft = [];

    /// <summary>Every delivery of <paramref name="runId"/> throws.</summary>
    public void Poison(Guid runId)
    {
        lock (_poisoned)
            _poisoned.Add(runId);
    }

    /// <summary>The first <paramref name="failures"/> deliveries of <paramref name="runId"/> throw, later ones succeed.</summary>
    public void FailTransiently(Guid runId, int failures)
    {
        lock (_poisoned)
            _transientFailuresLeft[runId] = failures;
    }

    public void ThrowIfFaulted(IRunMessage message)
    {
        lock (_poisoned)
        {
            if (_poisoned.Contains(message.RunId))
                throw new InvalidOperationException(PoisonReason);
            if (_transientFailuresLeft.TryGetValue(message.RunId, out var left) && left > 0)
            {
                _transientFailuresLeft[message.RunId] = left - 1;
                throw new TimeoutException($"The model server did not answer ({left} failure(s) left)");
            }
        }
    }
}
