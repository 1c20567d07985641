namespace Samsara.Judging.Prompts;

/// <summary>How an item is shown to the judge: model A's response first (AB) or model B's first (BA).</summary>
public enum Order
{
    AB,
    BA,
}
