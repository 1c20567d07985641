namespace Samsara.Judging.Caching;

/// <summary>Judge calls already paid for, by <see cref="JudgementKey"/>.</summary>
public interface IJudgementCache
{
    Task<SlotJudgement?> TryGetAsync(string key, CancellationToken cancellationToken);

    Task PutAsync(string key, SlotJudgement judgement, CancellationToken cancellationToken);
}
