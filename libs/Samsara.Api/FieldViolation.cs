namespace Samsara.Api;

/// <summary>One bad field of a request, as google.rpc.BadRequest reports it: a path like "spec.training[1].steps".</summary>
public sealed record FieldViolation(string Field, string Description)
{
    public override string ToString() => $"{Field}: {Description}";
}
