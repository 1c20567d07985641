using Grpc.Core;
using Microsoft.Extensions.Logging;
using Samsara.Alignment.Constitutions;
using Samsara.Api;
using Samsara.Api.Server;
using Samsara.Api.V1;
using Samsara.Artifacts;
using Samsara.Engine.Generation;
using Samsara.Stages.Internal;

namespace Samsara.Stages.Generation;

/// <summary>
/// samsara.v1.GeneratorService: each prompt written under each of its constitutions (given, or sampled from a
/// principle set as a run samples them) by this generator's <see cref="ServiceModel"/>. A prompt's completions are
/// sent as soon as they are done; the call's cancellation (a deadline, a client that left) stops before the next prompt.
/// </summary>
public sealed class GeneratorService(ServiceModel model, ArtifactStore store, ILogger<GeneratorService> logger) : Api.V1.GeneratorService.GeneratorServiceBase
{
    public const int MaxPrompts = 1000;
    public const int MaxNewTokensLimit = 4096;

    public override async Task Generate(GenerateRequest request, IServerStreamWriter<GeneratedCompletion> responseStream, ServerCallContext context)
    {
        var (plans, options, format) = Validate(request);
        var name = model.Name ?? throw RpcErrors.FailedPrecondition(
            "this generator has no model configured (Generator:Model:Path, or Generator:Endpoint:BaseUrl and Generator:Endpoint:Model)");
        var done = 0;
        try
        {
            foreach (var (prompt, constitutions) in plans)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                var texts = constitutions.Select(c => format.Format(c.Text, prompt.Prompt)).ToList();
                var completions = await model.UseAsync(g => g.Generate(texts, options with { Seed = request.Seed + (ulong)done }), context.CancellationToken);
                for (var j = 0; j < completions.Count; j++)
                {
                    await responseStream.WriteAsync(new GeneratedCompletion
                    {
                        PromptId = prompt.Id,
                        ConstitutionIndex = (uint)j,
                        Constitution = constitutions[j].Text,
                        Signs = constitutions[j].Signs,
                        Text = completions[j].Text,
                        FinishReason = completions[j].FinishReason.ToWireName(),
                        Model = name,
                    }, context.CancellationToken);
                }
                done++;
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            StagesLog.GenerateStopped(logger, done, plans.Count);
            throw;
        }
    }

    /// <returns>Each prompt with its constitutions, the sampling options and the prompt format.</returns>
    private (List<(GeneratePrompt Prompt, IReadOnlyList<Constitution> Constitutions)> Plans, GenerationOptions Options, PromptFormat Format) Validate(GenerateRequest request)
    {
        var violations = new List<FieldViolation>();
        var c = request.Constitutions ?? new ConstitutionSpec();
        var g = request.Generation ?? new GenerationSettings();
        if (request.Prompts.Count is 0 or > MaxPrompts) violations.Add(new("prompts", $"send 1 to {MaxPrompts} prompts, not {request.Prompts.Count}"));
        if (c.PerPrompt is not (0 or 2 or 4)) violations.Add(new("constitutions.per_prompt", $"must be 2 or 4, not {c.PerPrompt}"));
        if (!(g.Temperature >= 0)) violations.Add(new("generation.temperature", $"must be ≥ 0, not {g.Temperature}"));
        if (!(g.TopP is >= 0 and <= 1)) violations.Add(new("generation.top_p", $"must be in [0, 1], not {g.TopP}"));
        if (g.MaxNewTokens > MaxNewTokensLimit) violations.Add(new("generation.max_new_tokens", $"must be at most {MaxNewTokensLimit}, not {g.MaxNewTokens}"));
        PromptFormat format = default;
        try
        {
            format = PromptFormats.Parse(c.PromptFormat);
        }
        catch (ArgumentException e)
        {
            violations.Add(new("constitutions.prompt_format", e.Message));
        }
        var sampler = request.Prompts.Any(p => p.Constitutions.Count == 0) ? Sampler(c, request.Seed, violations) : null;

        var plans = new List<(GeneratePrompt, IReadOnlyList<Constitution>)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Prompts.Count; i++)
        {
            var p = request.Prompts[i];
            if (p.Id.Length == 0) violations.Add(new($"prompts[{i}].id", "is required"));
            else if (!ids.Add(p.Id)) violations.Add(new($"prompts[{i}].id", $"'{p.Id}' appears twice"));
            if (p.Prompt.Length == 0) violations.Add(new($"prompts[{i}].prompt", "is required"));
            if (p.Constitutions.Count > 0)
            {
                if (p.Constitutions.Any(string.IsNullOrWhiteSpace)) violations.Add(new($"prompts[{i}].constitutions", "must not hold an empty constitution"));
                plans.Add((p, p.Constitutions.Select(text => new Constitution(text, "", [])).ToList()));
            }
            else if (sampler is not null)
            {
                try
                {
                    plans.Add((p, sampler.Sample(p.Id, p.Category)));
                }
                catch (PrincipleSetException e)
                {
                    violations.Add(new($"prompts[{i}].category", e.Message));
                }
            }
        }
        if (violations.Count > 0) throw RpcErrors.InvalidArgument(violations);
        var options = new GenerationOptions
        {
            Temperature = g.Temperature,
            TopP = g.TopP == 0 ? 1.0 : g.TopP,
            MaxNewTokens = g.MaxNewTokens == 0 ? 256 : (int)g.MaxNewTokens,
        };
        return (plans, options, format);
    }

    /// <summary>The principle set named by the request: "default", or a file in the artifact store (never elsewhere on the node).</summary>
    private ConstitutionSampler? Sampler(ConstitutionSpec c, ulong seed, List<FieldViolation> violations)
    {
        var name = c.Principles.Length == 0 ? "default" : c.Principles;
        try
        {
            var set = name == "default" ? PrincipleSet.Default : PrincipleSet.Load(store.Resolve(name));
            return new ConstitutionSampler(set, seed, c.PerPrompt == 0 ? 4 : (int)c.PerPrompt);
        }
        catch (Exception e) when (e is PrincipleSetException or ArgumentException or IOException)
        {
            violations.Add(new("constitutions.principles", e.Message));
            return null;
        }
    }
}
