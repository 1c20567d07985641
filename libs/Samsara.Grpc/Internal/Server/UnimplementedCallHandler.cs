using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Samsara.Grpc.Internal.Server;

/// <summary>
/// Answers calls to paths no mapped method has: UNIMPLEMENTED, HTTP 200 and Trailers-Only, as every gRPC server does,
/// with a message telling an unknown service from an unknown method of a known one.
/// </summary>
internal sealed class UnimplementedCallHandler(GrpcServiceRegistry registry, ILogger logger)
{
    public Task HandleCallAsync(HttpContext httpContext)
    {
        // Only gRPC calls are ours; anything else falls through as a plain 404.
        if (!GrpcProtocol.IsGrpcContentType(httpContext.Request.ContentType))
        {
            httpContext.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        var service = httpContext.Request.RouteValues["service"] as string ?? "";
        var path = httpContext.Request.Path.Value ?? "";
        GrpcLog.Unimplemented(logger, path);
        var detail = registry.IsKnownService(service) ? "Method is unimplemented." : "Service is unimplemented.";
        httpContext.Response.ContentType = GrpcProtocol.ContentType;
        httpContext.Response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Unimplemented).ToString(CultureInfo.InvariantCulture);
        httpContext.Response.Headers[GrpcProtocol.MessageHeader] = detail;
        return Task.CompletedTask;
    }
}
