using Samsara.Api.Runs;
using Samsara.Api.V1;

namespace Samsara.EndToEnd.Tests.Infrastructure;

/// <summary>Starting runs on the cluster and waiting, with a generous deadline, for what a scenario needs of them.</summary>
public sealed class RunFollower(Cluster cluster)
{
    /// <summary>How long a tiny run may take on a busy CI machine: a deadline for failure messages, not a measurement.</summary>
    public static readonly TimeSpan Generous = TimeSpan.FromMinutes(3);

    public async Task<Run> StartAsync(RunSpec spec) => await cluster.Client().StartRunAsync(new StartRunRequest { Spec = spec, IdempotencyKey = Guid.NewGuid().ToString("N") });

    /// <summary>Polls GetRun (through whichever gateway runs now) until <paramref name="condition"/> holds.</summary>
    public async Task<Run> UntilAsync(string runId, Func<Run, bool> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? Generous);
        Run? run = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                run = await cluster.Client().GetRunAsync(new GetRunRequest { RunId = runId });
                if (condition(run)) return run;
            }
            catch (Exception e) when (e is HttpRequestException or Grpc.Core.RpcException)
            {
                // The gateway is being restarted; ask again.
            }
            await Task.Delay(200);
        }
        Assert.Fail($"run {runId} did not reach '{what}' within {(within ?? Generous).TotalSeconds} s; last seen: {run}\n{cluster.Tails()}");
        return null!;
    }

    /// <summary>Until the run reaches a final state; fails unless it is <paramref name="expected"/>.</summary>
    public async Task<Run> UntilFinalAsync(string runId, RunState expected)
    {
        var run = await UntilAsync(runId, r => RunTransitions.IsFinal(r.State), "a final state");
        Assert.True(run.State == expected, $"run {runId} ended {run.State}, not {expected}: {run.Error}\n{cluster.Tails()}");
        return run;
    }

    /// <summary>Whether <paramref name="stage"/> has done at least <paramref name="done"/> units.</summary>
    public static bool Progressed(Run run, string stage, ulong done) => run.Stages.Any(s => s.Stage == stage && s.Done >= done);
}
