using System.Reflection;
using System.Text.Json;

namespace Samsara.Actors.Internal;

/// <summary>
/// One callable actor method, as the Dapr non-remoting protocol shapes it: at most one payload parameter
/// read from the JSON body, an optional CancellationToken, and a Task or Task&lt;T&gt; whose result becomes
/// the JSON response (a plain Task answers with an empty body).
/// </summary>
internal sealed class ActorMethod
{
    private readonly MethodInfo method;
    private readonly PropertyInfo? result;
    private readonly bool takesCancellationToken;

    private ActorMethod(MethodInfo method, Type? payloadType, bool takesCancellationToken)
    {
        this.method = method;
        this.takesCancellationToken = takesCancellationToken;
        PayloadType = payloadType;
        result = method.ReturnType.IsGenericType ? method.ReturnType.GetProperty(nameof(Task<int>.Result)) : null;
    }

    public string Name => method.Name;

    public Type? PayloadType { get; }

    public static ActorMethod Create(MethodInfo method)
    {
        var where = $"{method.DeclaringType?.Name}.{method.Name}";
        if (method.ReturnType != typeof(Task) && !(method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)))
        {
            throw new InvalidOperationException($"Actor method {where} must return Task or Task<T>.");
        }

        var parameters = method.GetParameters();
        var takesToken = parameters.Length > 0 && parameters[^1].ParameterType == typeof(CancellationToken);
        var payloads = parameters.Take(parameters.Length - (takesToken ? 1 : 0)).ToArray();
        if (payloads.Length > 1)
        {
            throw new InvalidOperationException($"Actor method {where} takes {payloads.Length} parameters; the protocol carries at most one payload (wrap them in a record).");
        }

        return new ActorMethod(method, payloads.Length == 1 ? payloads[0].ParameterType : null, takesToken);
    }

    /// <exception cref="ActorDispatchException">The body is not JSON of the payload type.</exception>
    public object? ReadPayload(ReadOnlySpan<byte> body, JsonSerializerOptions json)
    {
        if (PayloadType is null || body.IsEmpty)
        {
            return PayloadType is { IsValueType: true } ? Activator.CreateInstance(PayloadType) : null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, PayloadType, json);
        }
        catch (JsonException ex)
        {
            throw new ActorDispatchException(DispatchFailure.BadRequest, $"The body of {Name} is not a JSON {PayloadType.Name}: {ex.Message}");
        }
    }

    public async Task<byte[]> InvokeAsync(Actor actor, object? payload, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        object?[] arguments = (PayloadType is null, takesCancellationToken) switch
        {
            (true, false) => [],
            (true, true) => [cancellationToken],
            (false, false) => [payload],
            (false, true) => [payload, cancellationToken],
        };

        // DoNotWrapExceptions: a method that throws before its first await surfaces its own exception.
        var task = (Task)method.Invoke(actor, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null)!;
        await task;
        return result is null ? [] : JsonSerializer.SerializeToUtf8Bytes(result.GetValue(task), result.PropertyType, json);
    }
}
