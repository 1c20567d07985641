using System.Collections.Concurrent;
using Samsara.Engine;
using Samsara.Engine.Generation;
using Samsara.Serving.Internal;

namespace Samsara.Serving;

/// <summary>
/// The request queue in front of the engine. One thread owns the model; it takes the oldest waiting request and
/// every other waiting request with the same sampling settings, up to <see cref="ServingOptions.MaxBatchSize"/>
/// sequences, and decodes them as one batch. Concurrent clients therefore share forward passes instead of queueing
/// behind each other; a lone client is served at once (nothing waits for a batch to fill).
/// </summary>
public sealed class EngineBatcher : IDisposable
{
    private readonly LanguageModel model;
    private readonly ServingOptions options;
    private readonly BlockingCollection<EngineJob> queue = [];
    private readonly Thread worker;
    private long batches;
    private long sequences;

    public EngineBatcher(LanguageModel model, ServingOptions options) : this(model, options, start: true)
    {
    }

    // Tests start the worker after queueing jobs, to see which of them share a batch.
    internal EngineBatcher(LanguageModel model, ServingOptions options, bool start)
    {
        this.model = model;
        this.options = options;
        worker = new Thread(Run) { IsBackground = true, Name = "samsara-serve-engine" };
        if (start) worker.Start();
    }

    internal void Start() => worker.Start();

    public LanguageModel Model => model;

    /// <summary>Engine batches run so far, and the sequences they held (their ratio is the batching achieved).</summary>
    public (long Batches, long Sequences) Stats => (Interlocked.Read(ref batches), Interlocked.Read(ref sequences));

    internal Task<IReadOnlyList<ChoiceResult>> Submit(EngineJob job)
    {
        if (!queue.TryAdd(job)) throw new OpenAiError(503, "the server is shutting down", type: "server_error");
        return job.Done.Task;
    }

    public void Dispose()
    {
        queue.CompleteAdding();
        worker.Join();
        queue.Dispose();
    }

    private void Run()
    {
        var waiting = new List<EngineJob>();
        while (true)
        {
            if (waiting.Count == 0)
            {
                if (!queue.TryTake(out var first, Timeout.Infinite)) break;   // completed and empty: shutting down
                waiting.Add(first);
            }
            while (queue.TryTake(out var more)) waiting.Add(more);
            var batch = TakeBatch(waiting);
            Execute(batch);
        }
    }

    // The oldest job, and after it (in arrival order) the jobs it can share a batch with, while they fit.
    private List<EngineJob> TakeBatch(List<EngineJob> waiting)
    {
        var head = waiting[0];
        var batch = new List<EngineJob> { head };
        var size = head.Sequences;
        if (head.BatchKey is { } key)
            foreach (var job in waiting.Skip(1))
                if (job.BatchKey == key && size + job.Sequences <= options.MaxBatchSize)
                {
                    batch.Add(job);
                    size += job.Sequences;
                }
        waiting.RemoveAll(batch.Contains);
        return batch;
    }

    private void Execute(List<EngineJob> batch)
    {
        try
        {
            var prompts = batch.SelectMany(j => j.Prompts.SelectMany(p => Enumerable.Repeat(p, j.N))).ToArray();
            var generationOptions = batch[0].Options with { BatchSize = Math.Max(options.MaxBatchSize, 1) };
            var completions = new Generator(model).Generate(prompts, generationOptions);
            Interlocked.Increment(ref batches);
            Interlocked.Add(ref sequences, prompts.Length);
            var offset = 0;
            foreach (var job in batch)
            {
                var results = new ChoiceResult[job.Sequences];
                for (var i = 0; i < results.Length; i++)
                {
                    var completion = completions[offset + i];
                    var prompt = job.Prompts[i / job.N];
                    var logProbs = job.TopLogProbs is { } top ? TokenLogProbs.Compute(model, prompt, completion.TokenIds, top) : null;
                    results[i] = new ChoiceResult(completion, job.PromptTokens[i / job.N], logProbs);
                }
                offset += job.Sequences;
                job.Done.TrySetResult(results);
            }
        }
        catch (Exception e)
        {
            // A failure of the engine fails the requests in this batch (500), not the server.
            foreach (var job in batch) job.Done.TrySetException(e);
        }
    }
}
