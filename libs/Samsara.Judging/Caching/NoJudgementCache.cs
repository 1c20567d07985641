namespace Samsara.Judging.Caching;

/// <summary>Remembers nothing: every call goes to the judge.</summary>
public sealed class NoJudgementCache : IJudgementCache
{
    public static NoJudgementCache Instance { get; } = new();

    public Task<SlotJudgement?> TryGetAsync(string key, CancellationToken cancellationToken) => Task.FromResult<SlotJudgement?>(null);

    public Task PutAsync(string key, SlotJudgement judgement, CancellationToken cancellationToken) => Task.CompletedTask;
}
