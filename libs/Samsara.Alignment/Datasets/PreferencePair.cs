using System.Text.Json.Nodes;

namespace Samsara.Alignment.Datasets;

/// <summary>A DPO preference pair, <c>{"id","prompt","chosen","rejected"}</c> as TRL names them.</summary>
public sealed record PreferencePair(string Id, string Prompt, string Chosen, string Rejected)
{
    public JsonObject ToJson() => new() { ["id"] = Id, ["prompt"] = Prompt, ["chosen"] = Chosen, ["rejected"] = Rejected };
}
