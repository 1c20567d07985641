using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;

namespace Samsara.Grpc.Internal.Server;

/// <summary>
/// Runs one call of one method: the checks every call shares (HTTP/2, gRPC content type), the call context, and the
/// translation of the handler's outcome into a status. Subclasses only move messages for their method type
/// (template method: <see cref="HandleCallAsyncCore"/>).
/// </summary>
internal abstract class ServerCallHandler(string methodPath, MethodType methodType, GrpcServiceOptions options, ILogger logger)
{
    protected GrpcServiceOptions Options { get; } = options;

    public async Task HandleCallAsync(HttpContext httpContext)
    {
        if (!HttpProtocol.IsHttp2(httpContext.Request.Protocol))
        {
            GrpcLog.UnsupportedProtocol(logger, httpContext.Request.Protocol);
            httpContext.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            httpContext.Response.Headers.Upgrade = "HTTP/2";
            return;
        }
        if (!GrpcProtocol.IsGrpcContentType(httpContext.Request.ContentType))
        {
            // PROTOCOL-HTTP2.md: a server SHOULD answer 415 to other content types; the status says why.
            GrpcLog.UnsupportedContentType(logger, httpContext.Request.ContentType);
            httpContext.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            httpContext.Response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture);
            httpContext.Response.Headers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode($"Content-Type '{httpContext.Request.ContentType}' is not supported.");
            return;
        }

        RemoveBodyLimits(httpContext);
        httpContext.Response.ContentType = GrpcProtocol.ContentType;
        httpContext.Response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.IdentityEncoding;

        var call = new HttpContextServerCallContext(httpContext, methodPath, Options, logger);
        try
        {
            call.Initialize();
            await HandleCallAsyncCore(call).ConfigureAwait(false);
            await call.EndCallAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Every failure of a handler must become a gRPC status, whatever its type.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await call.ProcessHandlerErrorAsync(ex).ConfigureAwait(false);
        }
        finally
        {
            await call.DisposeAsync().ConfigureAwait(false);
        }
    }

    protected abstract Task HandleCallAsyncCore(HttpContextServerCallContext call);

    // gRPC limits each message (MaxReceiveMessageSize), not the body: a long stream may carry far more than
    // Kestrel's 30 MB body limit, and a client may pause a stream longer than the minimum data rate allows.
    private void RemoveBodyLimits(HttpContext httpContext)
    {
        var maxBody = httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (maxBody is { IsReadOnly: false }) maxBody.MaxRequestBodySize = null;
        if (methodType is MethodType.ClientStreaming or MethodType.DuplexStreaming)
        {
            var minRate = httpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>();
            if (minRate is not null) minRate.MinDataRate = null;
        }
    }
}
