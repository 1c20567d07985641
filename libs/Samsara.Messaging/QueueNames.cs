namespace Samsara.Messaging;

/// <summary>
/// The queues of the Samsara services. They are part of the deployment contract: the Helm chart's KEDA
/// ScaledObjects name them (<c>queueName: samsara-judge</c>), so renaming one silently stops autoscaling.
/// MassTransit adds <c>_error</c> (poison messages, with the fault in the headers) and <c>_skipped</c> to each.
/// </summary>
public static class QueueNames
{
    /// <summary>The generator: <c>GenerateShard</c>.</summary>
    public const string Generator = "samsara-generator";

    /// <summary>The filter: <c>FilterRun</c>.</summary>
    public const string Filter = "samsara-filter";

    /// <summary>The trainer: <c>TrainModel</c>.</summary>
    public const string Trainer = "samsara-trainer";

    /// <summary>The judge: <c>EvaluationTask</c>, <c>JudgeJobBatch</c>.</summary>
    public const string Judge = "samsara-judge";

    /// <summary>The gateway: every run event, applied to the run's actor.</summary>
    public const string GatewayRunEvents = "samsara-gateway-run-events";

    /// <summary>The suffix MassTransit gives a queue's dead-letter queue for messages that failed every retry.</summary>
    public const string ErrorSuffix = "_error";

    /// <summary>Every service queue, in pipeline order.</summary>
    public static IReadOnlyList<string> All { get; } = [Generator, Filter, Trainer, Judge, GatewayRunEvents];

    /// <summary>The error queue of <paramref name="queueName"/>.</summary>
    public static string ErrorQueueOf(string queueName) => queueName + ErrorSuffix;

    /// <summary>
    /// The queue an endpoint address names: its last segment (<c>rabbitmq://host/vhost/samsara-judge</c>,
    /// <c>loopback://localhost/samsara-judge</c>, <c>queue:samsara-judge</c> → <c>samsara-judge</c>); empty without one.
    /// </summary>
    public static string NameOf(Uri? address)
    {
        if (address is null) return string.Empty;
        var path = (address.IsAbsoluteUri ? address.AbsolutePath : address.OriginalString).TrimEnd('/');
        return path[(Math.Max(path.LastIndexOf('/'), path.LastIndexOf(':')) + 1)..];
    }
}
