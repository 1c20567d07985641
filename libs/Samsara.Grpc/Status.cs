namespace Samsara.Grpc;

/// <summary>
/// The outcome of a call: a code and a human-readable detail (sent as <c>grpc-message</c>). <see cref="DebugException"/>
/// stays in the process that created the status; it is never sent.
/// </summary>
public readonly record struct Status(StatusCode StatusCode, string Detail, Exception? DebugException = null)
{
    public static readonly Status DefaultSuccess = new(StatusCode.OK, "");

    public static readonly Status DefaultCancelled = new(StatusCode.Cancelled, "");

    public override string ToString() => DebugException is null
        ? $"Status(StatusCode=\"{StatusCode}\", Detail=\"{Detail}\")"
        : $"Status(StatusCode=\"{StatusCode}\", Detail=\"{Detail}\", DebugException=\"{DebugException.GetType()}: {DebugException.Message}\")";
}
