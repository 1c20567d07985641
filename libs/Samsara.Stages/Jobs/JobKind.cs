using System.Text.Json;
using Samsara.Contracts;

namespace Samsara.Stages.Jobs;

/// <summary>A kind of job this process runs, by the name its records carry, so a record can be resumed.</summary>
internal interface IJobKind
{
    string Kind { get; }

    Task ResumeAsync(JobRecord record);
}

/// <summary>Reads a record's command back as <typeparamref name="TMessage"/> and starts its job again.</summary>
internal sealed class JobKind<TMessage, TJob>(TJob job, StageJobs jobs) : IJobKind
    where TMessage : class, IRunMessage
    where TJob : IStageJob<TMessage>
{
    public string Kind => job.Kind;

    public Task ResumeAsync(JobRecord record) =>
        jobs.StartAsync(job, record.Message.Deserialize<TMessage>(JsonSerializerOptions.Web)
            ?? throw new JsonException($"a {Kind} job record holds no command"), record.Queue, resumed: true, CancellationToken.None);
}
