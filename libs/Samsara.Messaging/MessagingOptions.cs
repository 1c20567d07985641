using System.ComponentModel.DataAnnotations;

namespace Samsara.Messaging;

/// <summary>The <c>Messaging</c> configuration section (environment: <c>Messaging__RabbitMq__Host</c>, …).</summary>
public sealed class MessagingOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Messaging";

    /// <summary>The broker; without a <see cref="RabbitMqOptions.Host"/> the in-memory transport is used.</summary>
    [Required]
    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>How failed deliveries are retried before they go to the error queue.</summary>
    [Required]
    public RetryOptions Retry { get; set; } = new();

    /// <summary>Where processed event ids are remembered.</summary>
    [Required]
    public IdempotencyOptions Idempotency { get; set; } = new();

    /// <summary>How often, with RabbitMQ, the backlog of the worker's queues is read for <c>samsara.queue.backlog</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan BacklogInterval { get; set; } = TimeSpan.FromSeconds(15);
}
