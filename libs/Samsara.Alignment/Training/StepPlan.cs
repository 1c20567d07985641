namespace Samsara.Alignment.Training;

/// <summary>
/// Which examples each optimizer step consumes: epochs are seeded permutations of the data laid end to end, and
/// step s takes the next Q of them. A pure function of (seed, data size, Q), so a resumed run sees what an
/// uninterrupted one would.
/// </summary>
public sealed class StepPlan
{
    private readonly int count;
    private readonly int batch;
    private readonly ulong seed;
    private readonly Dictionary<int, int[]> permutations = [];

    public StepPlan(int count, int batch, ulong seed, int? steps, double? epochs)
    {
        if (count < 1) throw new ArgumentException("the dataset is empty: there is nothing to train on");
        this.count = count;
        this.batch = batch;
        this.seed = seed;
        TotalSteps = steps ?? Math.Max(1, (int)Math.Ceiling(epochs!.Value * count / batch));
    }

    public int TotalSteps { get; }

    /// <summary>The data indices of step <paramref name="step"/> (1-based).</summary>
    public int[] Indices(int step)
    {
        var result = new int[batch];
        for (var k = 0; k < batch; k++)
        {
            var position = (long)(step - 1) * batch + k;
            result[k] = Permutation((int)(position / count))[position % count];
        }
        return result;
    }

    /// <summary>How far through the data a step ends, in epochs.</summary>
    public double Epoch(int step) => (double)step * batch / count;

    private int[] Permutation(int epoch)
    {
        if (permutations.TryGetValue(epoch, out var cached)) return cached;
        var order = Enumerable.Range(0, count).ToArray();
        new Random(unchecked((int)(seed * 0x9E3779B97F4A7C15UL >> 33) ^ epoch)).Shuffle(order);
        return permutations[epoch] = order;
    }
}
