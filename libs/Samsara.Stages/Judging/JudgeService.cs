using Grpc.Core;
using Samsara.Api;
using Samsara.Api.Server;
using Samsara.Api.V1;
using Samsara.Judging;
using Samsara.Judging.Items;
using Samsara.Judging.Prompts;

namespace Samsara.Stages.Judging;

/// <summary>
/// samsara.v1.JudgeService: pairwise judging on pairs the caller sends, through this replica's <see cref="PairJudges"/>
/// (the judges, judgement cache and endpoint usage meter its JudgePair consumer uses). Verdicts stream back as they
/// are decided; the call's deadline or a client that leaves cancels the judging still in flight.
/// </summary>
public sealed class JudgeService(PairJudges judges) : Api.V1.JudgeService.JudgeServiceBase
{
    public const int MaxPairs = 10_000;
    public const int DefaultConcurrency = 4;
    public const int MaxConcurrency = 64;

    public override async Task Judge(JudgeRequest request, IServerStreamWriter<PairVerdict> responseStream, ServerCallContext context)
    {
        var (prompt, protocol) = Validate(request);
        PairwiseJudging judging;
        try
        {
            judging = judges.For(request.Judge, prompt, protocol, request.Seed);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
        {
            // A valid spec this replica cannot serve (a logprob model directory it does not have, say).
            throw RpcErrors.FailedPrecondition($"judge '{request.Judge}' is not available here: {e.Message}");
        }
        var (modelA, modelB) = (Or(request.ModelA, "A"), Or(request.ModelB, "B"));
        var concurrency = request.Concurrency == 0 ? DefaultConcurrency : (int)request.Concurrency;
        using var writing = new SemaphoreSlim(1, 1);   // a stream takes one write at a time
        await Parallel.ForEachAsync(request.Pairs, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = context.CancellationToken },
            async (pair, ct) =>
            {
                var item = new PairwiseItem(pair.Id, pair.Category, pair.Prompt, pair.Constitution.Length > 0 ? pair.Constitution : null, pair.ResponseA, pair.ResponseB);
                var record = await judging.JudgeItemAsync(item, modelA, modelB, ct).ConfigureAwait(false);
                var verdict = ToMessage(record);
                await writing.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    await responseStream.WriteAsync(verdict, ct).ConfigureAwait(false);
                }
                finally
                {
                    writing.Release();
                }
            }).ConfigureAwait(false);
    }

    /// <returns>The prompt kind and protocol names, defaults applied.</returns>
    private static (string Prompt, string Protocol) Validate(JudgeRequest request)
    {
        var violations = new List<FieldViolation>();
        var prompt = Or(request.Prompt, PromptKind.PrincipleBased.ToWireName());
        var protocol = Or(request.Protocol, JudgeProtocol.Both.ToWireName());
        Check("judge", () => JudgeSpec.Parse(request.Judge.Length > 0 ? request.Judge : throw new ArgumentException("is required (rubric, logprob:DIR or openai:URL#MODEL)")));
        var kind = Check("prompt", () => PromptKinds.Parse(prompt));
        Check("protocol", () => JudgeProtocols.Parse(protocol));
        if (request.Concurrency > MaxConcurrency) violations.Add(new("concurrency", $"must be at most {MaxConcurrency}, not {request.Concurrency}"));
        if (request.Pairs.Count is 0 or > MaxPairs) violations.Add(new("pairs", $"send 1 to {MaxPairs} pairs, not {request.Pairs.Count}"));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Pairs.Count; i++)
        {
            var pair = request.Pairs[i];
            if (pair.Id.Length == 0) violations.Add(new($"pairs[{i}].id", "is required"));
            else if (!ids.Add(pair.Id)) violations.Add(new($"pairs[{i}].id", $"'{pair.Id}' appears twice"));
            if (pair.Prompt.Length == 0) violations.Add(new($"pairs[{i}].prompt", "is required"));
            if (pair.ResponseA.Length == 0) violations.Add(new($"pairs[{i}].response_a", "is required"));
            if (pair.ResponseB.Length == 0) violations.Add(new($"pairs[{i}].response_b", "is required"));
            if (kind == PromptKind.PrincipleBased && pair.Constitution.Length == 0)
                violations.Add(new($"pairs[{i}].constitution", "is required by the principles prompt (or ask for prompt 'mtbench')"));
        }
        if (violations.Count > 0) throw RpcErrors.InvalidArgument(violations);
        return (prompt, protocol);

        T? Check<T>(string field, Func<T> parse)
        {
            try
            {
                return parse();
            }
            catch (ArgumentException e)
            {
                violations.Add(new(field, e.Message));
                return default;
            }
        }
    }

    private PairVerdict ToMessage(JudgementRecord record)
    {
        var usage = judges.EndpointUsage;
        var message = new PairVerdict
        {
            Id = record.Id,
            Category = record.Category,
            Verdict = JudgementJson.VerdictName(record.Verdict),
            Order = record.Order,
            ParseFailures = (uint)record.ParseFailures,
            Inconsistent = record.Inconsistent,
            Judge = record.Judge,
            PromptVersion = record.PromptVersion,
            Usage = new JudgeUsage
            {
                PromptTokens = (ulong)usage.Usage.PromptTokens,
                CompletionTokens = (ulong)usage.Usage.CompletionTokens,
                Requests = (ulong)usage.Requests,
            },
        };
        foreach (var call in record.Calls)
            message.Calls.Add(new JudgeCall { Order = call.Order.ToString(), Verdict = JudgementJson.CallName(call.Verdict), Raw = call.Raw, Cached = call.Cached });
        return message;
    }

    private static string Or(string value, string fallback) => value.Length > 0 ? value : fallback;
}
