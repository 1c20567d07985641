using System.Text.Json.Nodes;

namespace Samsara.Alignment.Datasets;

/// <summary>An SFT example, <c>{"id","prompt","completion"}</c> as TRL names them: the loss is the NLL of the completion.</summary>
public sealed record SftExample(string Id, string Prompt, string Completion)
{
    public JsonObject ToJson() => new() { ["id"] = Id, ["prompt"] = Prompt, ["completion"] = Completion };
}
