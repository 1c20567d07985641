using Samsara.Alignment.Constitutions;
using Samsara.Engine;
using Samsara.Judging.Backends;
using Samsara.Judging.Internal;
using Samsara.Judging.Prompts;
using Samsara.Judging.Rubric;

namespace Samsara.Judging;

/// <summary>
/// Builds the judge a <see cref="JudgeSpec"/> names. The OpenAI-compatible client lives outside this library (in
/// Samsara.Endpoints, so the judge does not depend on HTTP or the OpenAI package): hosts pass
/// <see cref="OpenAiModels"/> (spec → <see cref="IJudgeModel"/>); a host without one refuses an <c>openai:</c>
/// spec with a message saying so, rather than failing on the first call.
/// </summary>
public sealed class JudgeBackends
{
    /// <summary>Makes the chat model for an <c>openai:URL#MODEL</c> spec (Samsara.Endpoints' <c>EndpointJudgeModels.Create</c>).</summary>
    public Func<JudgeSpec, IJudgeModel>? OpenAiModels { get; init; }

    /// <summary>Loads a model directory for the log-prob judge (device and dtype are the host's choice).</summary>
    public Func<string, LanguageModel>? LoadModel { get; init; }

    /// <summary>The principles whose strong and antithesis wordings the log-prob judge contrasts.</summary>
    public PrincipleSet Principles { get; init; } = PrincipleSet.Default;

    /// <summary>The rubric a plain <c>rubric</c> spec judges with (<c>rubric:CHECK,…</c> names its own checks).</summary>
    public RubricSet Rubric { get; init; } = RubricSet.Default;

    /// <summary>The question an LLM judge is asked.</summary>
    public PromptKind PromptKind { get; init; } = PromptKind.PrincipleBased;

    /// <summary>The judge; dispose it when it is <see cref="IDisposable"/> (the log-prob judge owns its model).</summary>
    public IPairJudge Create(JudgeSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        switch (spec.Kind)
        {
            case JudgeKind.Rubric:
                return new RubricJudge(spec.Checks is null
                    ? Rubric
                    : RubricSet.Uniform(spec.Checks.Split(',', StringSplitOptions.TrimEntries).Select(RubricChecks.Parse).ToList()));
            case JudgeKind.LogProb:
                if (LoadModel is null) throw new ArgumentException($"judge '{spec}': this host cannot load local models");
                if (!System.IO.Directory.Exists(spec.Directory)) throw new ArgumentException($"judge '{spec}': model directory '{spec.Directory}' not found");
                var model = LoadModel(spec.Directory!);
                return new LogProbJudge(model, Principles, ModelFingerprint.Of(spec.Directory!), ownsModel: true);
            case JudgeKind.OpenAi:
                if (OpenAiModels is null)
                    throw new ArgumentException($"judge '{spec}': this host has no OpenAI-compatible backend");
                return new LlmJudge(OpenAiModels(spec), PromptKind);
            default:
                throw new ArgumentException($"judge '{spec}': unknown kind {spec.Kind}");
        }
    }
}
