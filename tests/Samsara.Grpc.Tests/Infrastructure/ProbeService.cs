using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Samsara.Grpc.Tests.Interop;
using Empty = Samsara.Grpc.Tests.Interop.Empty;

namespace Samsara.Grpc.Tests.Infrastructure;

/// <summary>
/// A test-only service (samsara.test.Probe) whose methods misbehave on purpose and report what the server did to
/// them, so tests can check cancellation, deadlines and error handling from the server's side.
/// </summary>
public sealed class ProbeService : IGrpcService
{
    public const string SecretText = "connection string Password=hunter2";

    public static readonly Method<Empty, Empty> Sleep = Unary("Sleep");
    public static readonly Method<Empty, Empty> SleepIgnoringCancellation = Unary("SleepIgnoringCancellation");
    public static readonly Method<Empty, Empty> Throw = Unary("Throw");
    public static readonly Method<Empty, Empty> RichError = Unary("RichError");
    public static readonly Method<Empty, Empty> FailAfterMessage = new(MethodType.ServerStreaming, "samsara.test.Probe", "FailAfterMessage", Empty.Parser, Empty.Parser);

    /// <summary>Completes when a Sleep call's handler has started (the request is read).</summary>
    public TaskCompletionSource SleepStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a Sleep call's token fires (deadline or client cancellation).</summary>
    public TaskCompletionSource SleepCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ServerServiceDefinition BindService() =>
        ServerServiceDefinition.CreateBuilder()
            .AddMethod(Sleep, SleepAsync)
            .AddMethod(SleepIgnoringCancellation, async (Empty _, ServerCallContext _) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(3));
                return new Empty();
            })
            .AddMethod(Throw, (Empty _, ServerCallContext _) => throw new InvalidOperationException(SecretText))
            .AddMethod(RichError, (Empty _, ServerCallContext _) => throw BadName().ToRpcException())
            .AddMethod(FailAfterMessage, async (Empty _, IServerStreamWriter<Empty> responses, ServerCallContext _) =>
            {
                await responses.WriteAsync(new Empty());
                throw new RpcException(new Status(StatusCode.FailedPrecondition, "after one message"));
            })
            .Build();

    /// <summary>The rich error RichError ends with: INVALID_ARGUMENT and a BadRequest detail.</summary>
    public static Google.Rpc.Status BadName() => new()
    {
        Code = (int)StatusCode.InvalidArgument,
        Message = "name is required",
        Details = { Any.Pack(new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = "name", Description = "required" } } }) },
    };

    private async Task<Empty> SleepAsync(Empty request, ServerCallContext context)
    {
        SleepStarted.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            SleepCancelled.TrySetResult();
            throw;
        }
        return request;
    }

    private static Method<Empty, Empty> Unary(string name) => new(MethodType.Unary, "samsara.test.Probe", name, Empty.Parser, Empty.Parser);
}
