using Google.Rpc;
using Samsara.Api;
using Samsara.Grpc;
using RichStatus = Google.Rpc.Status;
using StatusCode = Samsara.Grpc.StatusCode;

namespace Samsara.Gateway.Grpc;

/// <summary>The gateway's error answers (DESIGN.md §6), each with a message fit to show a user.</summary>
public static class RpcErrors
{
    public static RpcException Unauthenticated() =>
        new(new Samsara.Grpc.Status(StatusCode.Unauthenticated, "send an API key as 'authorization: Bearer KEY'"));

    public static RpcException NotFound(string runId) => new(new Samsara.Grpc.Status(StatusCode.NotFound, $"run '{runId}' does not exist"));

    public static RpcException PermissionDenied(string runId) =>
        new(new Samsara.Grpc.Status(StatusCode.PermissionDenied, $"run '{runId}' belongs to another owner"));

    public static RpcException InvalidArgument(string field, string description) => InvalidArgument([new FieldViolation(field, description)]);

    /// <summary>INVALID_ARGUMENT naming every bad field, with google.rpc.BadRequest in grpc-status-details-bin.</summary>
    public static RpcException InvalidArgument(IReadOnlyList<FieldViolation> violations)
    {
        var details = new BadRequest();
        foreach (var v in violations)
            details.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description });
        var status = new RichStatus
        {
            Code = (int)Code.InvalidArgument,
            Message = string.Join("; ", violations),
        };
        status.Details.Add(Google.Protobuf.WellKnownTypes.Any.Pack(details));
        return status.ToRpcException();
    }
}
