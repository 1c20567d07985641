namespace Samsara.Stages.Judging;

/// <summary>How a judging job's pairs are judged: what every one of its <c>JudgeJobBatch</c>es carries besides its items.</summary>
public sealed record JudgeJobSpec(string Judge, string Prompt, string Protocol, ulong Seed, string ModelA, string ModelB, int Concurrency);
