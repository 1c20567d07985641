using System.Text.Json.Nodes;
using Grpc.Core;
using Samsara.Alignment.Datasets;
using Samsara.Alignment.Filters;
using Samsara.Api;
using Samsara.Api.Server;
using Samsara.Api.V1;
using Samsara.Engine.Data;
using GenerationMessage = Samsara.Api.V1.Generation;

namespace Samsara.Stages.Filtering;

/// <summary>
/// samsara.v1.FilterService: the run filter's rules (<see cref="GenerationFilter"/>) on records the caller sends.
/// Every bad record and setting is named in one INVALID_ARGUMENT; nothing is filtered until the whole request is valid.
/// </summary>
public sealed class FilterService : Api.V1.FilterService.FilterServiceBase
{
    public const int MaxGenerations = 100_000;

    public override Task<FilterResponse> Filter(FilterRequest request, ServerCallContext context)
    {
        var violations = new List<FieldViolation>();
        if (request.Generations.Count is 0 or > MaxGenerations)
            violations.Add(new("generations", $"send 1 to {MaxGenerations} generations, not {request.Generations.Count}"));
        var config = Config(request.Settings, violations);
        var records = new GenerationRecord?[request.Generations.Count];
        for (var i = 0; i < records.Length; i++)
            records[i] = Record(request.Generations[i], i, violations);
        if (violations.Count > 0) throw RpcErrors.InvalidArgument(violations);

        var filter = new GenerationFilter(config!);
        var report = new FilterReport(config!);
        var response = new FilterResponse();
        for (var i = 0; i < records.Length; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var failures = filter.Failures(records[i]!);
            report.Add(failures);
            if (failures.Count == 0) response.Kept.Add(request.Generations[i]);
        }
        response.Read = (uint)report.Read;
        foreach (var rule in FilterRules.All)
        {
            response.Rejected[rule] = (uint)report.Rejected[rule];
            response.Failed[rule] = (uint)report.Failed[rule];
        }
        return Task.FromResult(response);
    }

    private static FilterConfig? Config(FilterSettings? settings, List<FieldViolation> violations)
    {
        try
        {
            return FilterStage.Config(settings).Validate("settings");
        }
        catch (FilterConfigException e)
        {
            violations.Add(new("settings", e.Message));
            return null;
        }
    }

    /// <summary>The record as the generations file would hold it, checked by the same code that reads those files.</summary>
    private static GenerationRecord? Record(GenerationMessage g, int index, List<FieldViolation> violations)
    {
        var json = new JsonObject
        {
            ["id"] = g.Id,
            ["category"] = g.Category,
            ["prompt"] = g.Prompt,
            ["constitutions"] = Array(g.Constitutions),
            ["responses"] = Array(g.Responses),
            ["finish_reasons"] = Array(g.FinishReasons),
        };
        if (g.Signs.Count > 0) json["signs"] = Array(g.Signs);
        var field = $"generations[{index}]";
        try
        {
            return GenerationRecord.From(new JsonlRecord(json, field, index));
        }
        catch (JsonlException e)
        {
            // "generations[3]:3: 2 constitutions but 1 responses" → the field names the record; the message says what is wrong.
            var prefix = $"{field}:{index}: ";
            violations.Add(new(field, e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message));
            return null;
        }
    }

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)v).ToArray());
}
