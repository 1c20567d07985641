namespace Samsara.Messaging.Internal;

/// <summary>
/// A queue this service consumes from, registered by <see cref="BusRegistrationExtensions.AddSamsaraConsumer{TConsumer}"/>
/// so that <see cref="QueueBacklogMonitor"/> knows which backlogs are this worker's own.
/// </summary>
internal sealed record WorkerQueue(string Name);
