namespace Samsara.EmbeddedDapr.Internal;

/// <summary>
/// daprd's per-actor lock: method calls, reminders, timers and deactivation of one actor take turns, first come
/// first served. With reentrancy on, a call carrying the reentrancy id of the chain that holds the turn enters at
/// once (A → B → A does not deadlock), up to the configured stack depth.
/// </summary>
internal sealed class ActorTurns
{
    private readonly Lock sync = new();
    private readonly Dictionary<ActorKey, Turn> turns = [];

    /// <summary>Waits for the actor's turn; dispose the result to end it. <paramref name="chain"/> is the call's reentrancy id, if any.</summary>
    public async Task<IDisposable> EnterAsync(ActorKey actor, string? chain, int maxStackDepth, CancellationToken ct)
    {
        Turn turn;
        lock (sync)
        {
            if (!turns.TryGetValue(actor, out turn!)) turns[actor] = turn = new Turn();
            if (chain is not null && turn.Chain == chain)
            {
                if (turn.Depth >= maxStackDepth)
                    throw new ReentrancyDepthExceededException($"actor {actor}: reentrancy stack depth {maxStackDepth} exceeded");
                turn.Depth++;
                return new Exit(this, turn, reentered: true);
            }
        }

        await turn.Gate.WaitAsync(ct);
        lock (sync)
        {
            turn.Chain = chain;
            turn.Depth = 1;
        }

        return new Exit(this, turn, reentered: false);
    }

    private void Leave(Turn turn, bool reentered)
    {
        lock (sync)
        {
            turn.Depth--;
            if (reentered) return;
            turn.Chain = null;
        }

        turn.Gate.Release();
    }

    private sealed class Turn
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public string? Chain { get; set; }

        public int Depth { get; set; }
    }

    private sealed class Exit(ActorTurns owner, Turn turn, bool reentered) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) owner.Leave(turn, reentered);
        }
    }
}

/// <summary>A reentrant chain went deeper than <c>reentrancy.maxStackDepth</c> (daprd: ERR_ACTOR_MAX_STACK_DEPTH_EXCEEDED).</summary>
internal sealed class ReentrancyDepthExceededException(string message) : Exception(message);
