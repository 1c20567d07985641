using System.ComponentModel.DataAnnotations;

namespace Samsara.Messaging;

/// <summary>
/// <c>Messaging:Retry</c>: exponential backoff for a consumer that throws. The n-th retry waits about
/// <c>min(MinInterval + 2^n · IntervalDelta, MaxInterval)</c>: MassTransit 8.5 draws the delta within ±20% and then
/// scales the whole wait by 0.75–1.25, never below MinInterval nor above MaxInterval;
/// after <see cref="Limit"/> retries the message goes to the queue's <c>_error</c> queue with the exception.
/// </summary>
public sealed class RetryOptions : IValidatableObject
{
    /// <summary>Retries after the first attempt; 0 sends a failure straight to the error queue.</summary>
    [Range(0, 100)]
    public int Limit { get; set; } = 5;

    /// <summary>The shortest wait.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The step that doubles with each retry.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan IntervalDelta { get; set; } = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxInterval < MinInterval)
            yield return new ValidationResult($"must not be shorter than MinInterval ({MinInterval}).", [nameof(MaxInterval)]);
    }
}
