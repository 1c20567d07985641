using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using RichStatus = Google.Rpc.Status;

namespace Samsara.Api.Server;

/// <summary>The error answers every Samsara service gives (docs/architecture.md §10), each with a message fit to show a user.</summary>
public static class RpcErrors
{
    public static RpcException Unauthenticated() => Rich(Code.Unauthenticated, "send an API key as 'authorization: Bearer KEY'");

    public static RpcException NotFound(string what) => Rich(Code.NotFound, $"{what} does not exist");

    public static RpcException PermissionDenied(string what) => Rich(Code.PermissionDenied, $"{what} belongs to another owner");

    public static RpcException FailedPrecondition(string message) => Rich(Code.FailedPrecondition, message);

    /// <summary>A dependency (the broker) is away for now: the call may be retried as it is.</summary>
    public static RpcException Unavailable(string message) => Rich(Code.Unavailable, message);

    public static RpcException InvalidArgument(string field, string description) => InvalidArgument([new FieldViolation(field, description)]);

    /// <summary>INVALID_ARGUMENT naming every bad field, with google.rpc.BadRequest in grpc-status-details-bin.</summary>
    public static RpcException InvalidArgument(IReadOnlyList<FieldViolation> violations)
    {
        var details = new BadRequest();
        foreach (var v in violations)
            details.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description });
        var status = new RichStatus { Code = (int)Code.InvalidArgument, Message = string.Join("; ", violations) };
        status.Details.Add(Any.Pack(details));
        return status.ToRpcException();
    }

    private static RpcException Rich(Code code, string message) => new RichStatus { Code = (int)code, Message = message }.ToRpcException();
}
