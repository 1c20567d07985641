namespace Samsara.Grpc;

/// <summary>Per-call settings of a client call.</summary>
/// <param name="Headers">Custom request metadata.</param>
/// <param name="Deadline">When the call must end (UTC; a local time is converted). Sent to the server as <c>grpc-timeout</c>; when it
/// passes the client cancels the call and reports DEADLINE_EXCEEDED. Null: no deadline.</param>
/// <param name="CancellationToken">Cancels the call (the server sees its stream reset); the call reports CANCELLED.</param>
public readonly record struct CallOptions(Metadata? Headers = null, DateTime? Deadline = null, CancellationToken CancellationToken = default);
