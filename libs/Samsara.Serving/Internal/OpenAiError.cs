using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Samsara.Serving.Internal;

/// <summary>A request the server refuses, answered in OpenAI's shape: {"error":{"message","type","param","code"}}.</summary>
internal sealed class OpenAiError(int status, string message, string? param = null, string? code = null, string type = "invalid_request_error") : Exception(message)
{
    public int Status { get; } = status;

    public static OpenAiError BadRequest(string message, string? param = null) => new(400, message, param);

    public static OpenAiError UnknownModel(string model) =>
        new(404, $"The model `{model}` does not exist.", "model", "model_not_found");

    public IResult ToResult() => Results.Json(Body(Message, type, param, code), statusCode: Status);

    public static JsonObject Body(string message, string type, string? param, string? code) => new()
    {
        ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = param, ["code"] = code },
    };
}
