using System.Text.Json.Nodes;
using Grpc.Core;
using MassTransit;
using Samsara.Contracts;
using Samsara.Engine.Data;
using Samsara.Api;
using Samsara.Api.Server;
using Samsara.Api.V1;
using Samsara.Judging;
using Samsara.Judging.Items;
using Samsara.Judging.Prompts;

namespace Samsara.Stages.Judging;

/// <summary>
/// samsara.v1.JudgeService: pairwise judging on pairs the caller sends, as a judging job (<see cref="JudgingJobs"/>):
/// the pairs go on the judge's queue in batches that any judge replica takes, with the judges, judgement cache and
/// endpoint clients of whichever replica judges them, and each batch's verdicts stream back from this replica as it
/// finishes. The call's deadline or a client that leaves ends the job: its batches still queued are dropped.
/// </summary>
public sealed class JudgeService(PairJudges judges, JudgingJobs jobs) : Api.V1.JudgeService.JudgeServiceBase
{
    public const int MaxPairs = 10_000;
    public const int DefaultConcurrency = 4;
    public const int MaxConcurrency = 64;

    public override async Task Judge(JudgeRequest request, IServerStreamWriter<PairVerdict> responseStream, ServerCallContext context)
    {
        var (prompt, protocol) = Validate(request);
        try
        {
            // Built here too (and kept for this replica's batches): a judge no replica could build fails the call now.
            judges.For(request.Judge, prompt, protocol, request.Seed);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
        {
            // A valid spec this replica cannot serve (a logprob model directory it does not have, say).
            throw RpcErrors.FailedPrecondition($"judge '{request.Judge}' is not available here: {e.Message}");
        }
        var spec = new JudgeJobSpec(request.Judge, prompt, protocol, request.Seed, Or(request.ModelA, "A"), Or(request.ModelB, "B"),
            request.Concurrency == 0 ? DefaultConcurrency : (int)request.Concurrency);
        var items = request.Pairs.Select(p => new JudgeJobItem
        {
            Id = p.Id, Category = p.Category, Question = p.Prompt, Constitution = p.Constitution.Length > 0 ? p.Constitution : null,
            ResponseA = p.ResponseA, ResponseB = p.ResponseB,
        }).ToList();
        var usage = new JudgeUsage();
        try
        {
            await foreach (var batch in jobs.RunAsync(spec, items, context.CancellationToken).ConfigureAwait(false))
            {
                usage.Requests += (ulong)batch.Requests;
                usage.PromptTokens += (ulong)batch.PromptTokens;
                usage.CompletionTokens += (ulong)batch.CompletionTokens;
                foreach (var line in batch.Judgements)
                    await responseStream.WriteAsync(ToMessage(JudgementOf(line), usage), context.CancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFaultException e)
        {
            throw RpcErrors.FailedPrecondition($"a judge replica could not judge a batch: {FaultMessage(e)}");
        }
        catch (RequestTimeoutException)
        {
            throw RpcErrors.Unavailable("no judge replica answered a batch in time (Judging:JobBatchTimeoutMinutes)");
        }
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

    private static JudgementRecord JudgementOf(string line) => JudgementJson.FromLine(new JsonlRecord(JsonNode.Parse(line)!.AsObject(), "judging job", 1));

    private static string FaultMessage(RequestFaultException e) =>
        e.Fault?.Exceptions.FirstOrDefault() is { } first ? first.Message : e.Message;

    // usage: the job's endpoint usage so far, summed over the batches returned (a verdict carries a snapshot).
    private static PairVerdict ToMessage(JudgementRecord record, JudgeUsage usage)
    {
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
            Usage = usage.Clone(),
        };
        foreach (var call in record.Calls)
            message.Calls.Add(new JudgeCall { Order = call.Order.ToString(), Verdict = JudgementJson.CallName(call.Verdict), Raw = call.Raw, Cached = call.Cached });
        return message;
    }

    private static string Or(string value, string fallback) => value.Length > 0 ? value : fallback;
}
