using Samsara.Api;
using Samsara.Api.V1;

namespace Samsara.Stages.Plan;

/// <summary>
/// How the teacher samples (temperature as given, 0 = greedy; top-p default 1; at most 256 new tokens by default) and
/// how many prompts one generation shard holds (<see cref="GenerationShards.DefaultSize"/>, which the RunActor counts
/// shards by too).
/// </summary>
public sealed record GenerationPlan(double Temperature, double TopP, int MaxNewTokens, int ShardSize)
{
    public const int DefaultMaxNewTokens = 256;

    public static GenerationPlan Of(GenerationSettings g) => new(
        g.Temperature,
        g.TopP == 0 ? 1.0 : g.TopP,
        g.MaxNewTokens == 0 ? DefaultMaxNewTokens : (int)g.MaxNewTokens,
        GenerationShards.SizeOf(g));
}
