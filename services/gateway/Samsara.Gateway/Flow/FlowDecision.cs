using Samsara.Api.V1;
using Samsara.Contracts;

namespace Samsara.Gateway.Flow;

/// <summary>
/// What <see cref="RunFlow"/> decided: its new state, the commands to send (idempotent: each names finished work
/// the worker only announces again), and the state the run enters, if any (Evaluating, or Failed with
/// <see cref="Reason"/> after a silent stage).
/// </summary>
public sealed record FlowDecision(RunFlowState State, IReadOnlyList<IRunMessage> Commands, RunState? Enter = null, string Reason = "")
{
    public static FlowDecision Unchanged(RunFlowState state) => new(state, []);
}
