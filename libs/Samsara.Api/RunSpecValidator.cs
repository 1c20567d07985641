using System.Text.RegularExpressions;
using Samsara.Api.V1;

namespace Samsara.Api;

/// <summary>
/// Checks a RunSpec before anything starts, reporting every bad field at once (not just the first) so a client can
/// fix its request in one round trip. <paramref name="modelExists"/> says whether a model path names a model
/// directory (config.json present) where the services will look for it.
/// </summary>
public sealed partial class RunSpecValidator(Func<string, bool> modelExists, Func<string, bool> fileExists)
{
    /// <summary>The most SAMI iterations a training may ask for (the papers ran 3).</summary>
    public const int MaxIterations = 10;

    private static readonly string[] FilterRules = ["termination", "empty", "banned", "length_ratio", "short_length", "prefix_distance"];

    public IReadOnlyList<FieldViolation> Validate(RunSpec? spec)
    {
        var v = new List<FieldViolation>();
        if (spec is null)
        {
            v.Add(new("spec", "is required"));
            return v;
        }
        if (spec.Teacher?.Endpoint is { } endpoint) Endpoint(v, "spec.teacher.endpoint", endpoint);
        else Model(v, "spec.teacher", spec.Teacher);
        Model(v, "spec.student", spec.Student);
        if (spec.Student?.Endpoint is not null) v.Add(new("spec.student.endpoint", "the student is trained here, so it must be a local model directory"));
        Prompts(v, "spec.train_prompts", spec.TrainPrompts, required: true);
        Prompts(v, "spec.eval_prompts", spec.EvalPrompts, required: spec.Evaluation is not null);
        if (spec.Constitutions is { PerPrompt: not (0 or 2 or 4) } c)
            v.Add(new("spec.constitutions.per_prompt", $"must be 2 or 4, not {c.PerPrompt}"));
        if (spec.Constitutions is { Principles: { Length: > 0 } p } && p != "default" && !fileExists(p))
            v.Add(new("spec.constitutions.principles", $"'{p}' is neither \"default\" nor an existing principles file"));
        if (spec.Constitutions is { PromptFormat: { Length: > 0 } format } && format is not ("paper" or "compact"))
            v.Add(new("spec.constitutions.prompt_format", $"'{format}' is not paper or compact"));
        if (spec.Generation is { } g)
        {
            if (g.Temperature < 0 || double.IsNaN(g.Temperature)) v.Add(new("spec.generation.temperature", $"must be ≥ 0, not {g.Temperature}"));
            if (g.TopP is < 0 or > 1 || double.IsNaN(g.TopP)) v.Add(new("spec.generation.top_p", $"must be in [0, 1], not {g.TopP}"));
            if (g.MaxNewTokens > 32768) v.Add(new("spec.generation.max_new_tokens", $"must be at most 32768, not {g.MaxNewTokens}"));
        }
        if (spec.Filter is { } f)
        {
            foreach (var (rule, i) in f.DisabledRules.Select((r, i) => (r, i)))
                if (!FilterRules.Contains(rule))
                    v.Add(new($"spec.filter.disabled_rules[{i}]", $"'{rule}' is not a filter rule ({string.Join(", ", FilterRules)})"));
            if (f.MinLengthRatio < 0) v.Add(new("spec.filter.min_length_ratio", "must be ≥ 0"));
            if (f.MinPrefixDistance is < 0 or > 1) v.Add(new("spec.filter.min_prefix_distance", "must be in [0, 1]"));
        }
        if (spec.Training.Count == 0) v.Add(new("spec.training", "name at least one algorithm to train"));
        for (var i = 0; i < spec.Training.Count; i++) Training(v, $"spec.training[{i}]", spec.Training[i]);
        for (var i = 0; i < spec.Training.Count; i++)
            if (spec.Training[i].Algorithm == Algorithm.SftSami && spec.Training.All(t => t.Algorithm != Algorithm.Sft))
                v.Add(new($"spec.training[{i}].algorithm", "SFT_SAMI starts from the run's SFT model: add an SFT entry"));
        if (spec.Training.GroupBy(t => t.Algorithm).FirstOrDefault(g => g.Count() > 1) is { } twice)
            v.Add(new("spec.training", $"{twice.Key} is listed twice; each algorithm trains one model"));
        if (spec.Evaluation is { } e) Evaluation(v, e, teacherIsLocal: spec.Teacher is { Endpoint: null });
        return v;
    }

    private void Model(List<FieldViolation> v, string field, ModelRef? model)
    {
        if (model is null || model.Path.Length == 0)
        {
            v.Add(new($"{field}.path", "is required"));
            return;
        }
        if (!modelExists(model.Path)) v.Add(new($"{field}.path", $"'{model.Path}' is not a model directory (no config.json there)"));
        if (model.Device.Length > 0 && !DevicePattern().IsMatch(model.Device))
            v.Add(new($"{field}.device", $"'{model.Device}' is not cpu, cuda or cuda:N"));
        if (model.Dtype is { Length: > 0 } d && d is not ("float32" or "fp32" or "bfloat16" or "bf16" or "float16" or "fp16"))
            v.Add(new($"{field}.dtype", $"'{d}' is not float32, bfloat16 or float16"));
    }

    private static void Endpoint(List<FieldViolation> v, string field, EndpointRef endpoint)
    {
        if (!Uri.TryCreate(endpoint.BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            v.Add(new($"{field}.base_url", endpoint.BaseUrl.Length == 0 ? "is required" : $"'{endpoint.BaseUrl}' is not an absolute http(s) URL"));
        if (endpoint.Model.Length == 0) v.Add(new($"{field}.model", "is required (the served model's name)"));
        if (endpoint.Api is { Length: > 0 } api && api is not ("completions" or "chat")) v.Add(new($"{field}.api", $"'{api}' is not completions or chat"));
        if (endpoint.Concurrency > 1024) v.Add(new($"{field}.concurrency", $"must be at most 1024, not {endpoint.Concurrency}"));
    }

    private void Prompts(List<FieldViolation> v, string field, PromptSet? prompts, bool required)
    {
        if (prompts is null || prompts.Path.Length == 0)
        {
            if (required) v.Add(new($"{field}.path", "is required"));
            return;
        }
        if (!fileExists(prompts.Path)) v.Add(new($"{field}.path", $"'{prompts.Path}' does not exist"));
    }

    private static void Training(List<FieldViolation> v, string field, TrainingSpec t)
    {
        if (t.Algorithm == Algorithm.Unspecified) v.Add(new($"{field}.algorithm", "is required (SFT, DPO, SAMI or SFT_SAMI)"));
        if (t.LearningRate < 0 || double.IsNaN(t.LearningRate)) v.Add(new($"{field}.learning_rate", $"must be ≥ 0, not {t.LearningRate}"));
        if (t.Optimizer is { Length: > 0 } o && o is not ("adamw" or "rmsprop")) v.Add(new($"{field}.optimizer", $"'{o}' is not adamw or rmsprop"));
        if (t.Steps == 0) v.Add(new($"{field}.steps", "must be at least 1"));
        if (t.MicroBatch > 0 && t.BatchQueries > 0 && t.MicroBatch > t.BatchQueries)
            v.Add(new($"{field}.micro_batch", $"({t.MicroBatch}) cannot exceed batch_queries ({t.BatchQueries})"));
        if (t.Beta < 0 || double.IsNaN(t.Beta)) v.Add(new($"{field}.beta", "must be ≥ 0"));
        if (t.Clip < 0) v.Add(new($"{field}.clip", "must be ≥ 0"));
        if (t.Iterations > 1 && t.Algorithm is not (Algorithm.Sami or Algorithm.SftSami))
            v.Add(new($"{field}.iterations", $"only SAMI and SFT_SAMI iterate (each iteration regenerates its data with the previous model); {t.Algorithm.ToString().ToUpperInvariant()} takes 0 or 1, not {t.Iterations}"));
        else if (t.Iterations > MaxIterations)
            v.Add(new($"{field}.iterations", $"must be at most {MaxIterations}, not {t.Iterations} (each iteration generates, filters and trains again)"));
        if (t.Lora is { } lora)
        {
            if (lora.Rank == 0) v.Add(new($"{field}.lora.rank", "must be at least 1"));
            if (lora.Alpha < 0) v.Add(new($"{field}.lora.alpha", "must be ≥ 0"));
        }
    }

    private void Evaluation(List<FieldViolation> v, EvaluationSpec e, bool teacherIsLocal)
    {
        for (var i = 0; i < e.Judges.Count; i++)
            if (JudgeProblem(e.Judges[i], teacherIsLocal) is { } problem) v.Add(new($"spec.evaluation.judges[{i}]", problem));
        if (e.Protocol is { Length: > 0 } p && p is not ("both" or "random")) v.Add(new("spec.evaluation.protocol", $"'{p}' is not both or random"));
        for (var i = 0; i < e.K.Count; i++)
            if (e.K[i] == 0 || (e.Samples > 0 && e.K[i] > e.Samples))
                v.Add(new($"spec.evaluation.k[{i}]", $"must be in [1, samples = {e.Samples}], not {e.K[i]}"));
        if (e.Temperature < 0) v.Add(new("spec.evaluation.temperature", "must be ≥ 0"));
        if (e.AccuracyPrompts is not null) Prompts(v, "spec.evaluation.accuracy_prompts", e.AccuracyPrompts, required: true);
    }

    // rubric and rubric:CHECKS run anywhere; logprob judges with the teacher (a local model) and logprob:DIR with any
    // local model; openai:URL#MODEL asks an OpenAI-compatible endpoint (whether it serves the model is checked before
    // the first judgement, since the endpoint may come up while the run trains).
    private string? JudgeProblem(string judge, bool teacherIsLocal)
    {
        if (judge == "rubric" || judge.StartsWith("rubric:", StringComparison.Ordinal))
            return judge == "rubric:" ? "'rubric:' needs checks after the colon, or write just 'rubric'" : null;
        if (judge == "logprob") return teacherIsLocal ? null : "'logprob' scores with the teacher, which must then be a local model directory; name one: logprob:DIR";
        if (judge.StartsWith("logprob:", StringComparison.Ordinal))
            return modelExists(judge["logprob:".Length..]) ? null : $"'{judge}': '{judge["logprob:".Length..]}' is not a model directory (no config.json there)";
        if (judge.StartsWith("openai:", StringComparison.Ordinal))
            return OpenAiJudgeProblem(judge);
        return $"'{judge}' is not rubric, logprob, logprob:DIR or openai:URL#MODEL";
    }

    private static string? OpenAiJudgeProblem(string judge)
    {
        var target = judge["openai:".Length..];
        var hash = target.LastIndexOf('#');
        if (hash <= 0 || hash == target.Length - 1) return $"'{judge}' must be openai:URL#MODEL (the model after a '#')";
        return Uri.TryCreate(target[..hash], UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? null : $"'{judge}': '{target[..hash]}' is not an http(s) URL";
    }

    [GeneratedRegex("^(cpu|cuda|cuda:[0-9]+)$")]
    private static partial Regex DevicePattern();
}
