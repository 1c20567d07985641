using System.Globalization;
using System.Net.Sockets;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Samsara.Grpc.Internal.Server;

/// <summary>
/// The <see cref="ServerCallContext"/> of one call on Kestrel. Besides what the service sees it owns the call's
/// ending: exactly one status is written, as Trailers-Only (status in the response headers, nothing else sent) when
/// nothing went out yet, else as HTTP/2 trailers. A gate serializes response writes with that ending, because the
/// deadline can end the call from a timer while the handler is still writing.
/// </summary>
internal sealed class HttpContextServerCallContext : ServerCallContext, IAsyncDisposable
{
    // HTTP/2 RST_STREAM error code CANCEL, which the spec asks for when the server gives up on a call.
    private const int Http2CancelErrorCode = 0x8;

    private readonly HttpContext _httpContext;
    private readonly GrpcServiceOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _cts;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Metadata _responseTrailers = new();
    private Metadata? _requestHeaders;
    private Timer? _deadlineTimer;
    private Task? _deadlineTask;
    private TimeSpan _timeout;
    private DateTime _deadlineUtc = DateTime.MaxValue;
    private volatile bool _deadlineExceeded;
    private bool _responseStarted;
    private bool _finished;

    public HttpContextServerCallContext(HttpContext httpContext, string method, GrpcServiceOptions options, ILogger logger)
    {
        _httpContext = httpContext;
        _options = options;
        _logger = logger;
        Method = method;
        // The handler's token fires when the client resets the stream (RequestAborted) or the deadline passes.
        _cts = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted);
    }

    public override string Method { get; }

    public override string Host => _httpContext.Request.Host.Value ?? "";

    public override string Peer => FormatPeer(_httpContext.Connection);

    public override DateTime Deadline => _deadlineUtc;

    public override Metadata RequestHeaders => _requestHeaders ??= ReadRequestHeaders();

    public override CancellationToken CancellationToken => _cts.Token;

    public override Metadata ResponseTrailers => _responseTrailers;

    public override Status Status { get; set; } = Status.DefaultSuccess;

    internal HttpContext HttpContext => _httpContext;

    /// <summary>Starts the deadline timer if the client sent a valid <c>grpc-timeout</c>.</summary>
    public void Initialize()
    {
        var header = _httpContext.Request.Headers[GrpcProtocol.TimeoutHeader].ToString();
        if (header.Length == 0) return;
        if (!GrpcTimeout.TryParse(header, out _timeout))
        {
            GrpcLog.InvalidTimeout(_logger, header);
            return;
        }
        _deadlineUtc = _timeout >= DateTime.MaxValue - DateTime.UtcNow ? DateTime.MaxValue : DateTime.UtcNow + _timeout;
        // Timers cannot wait longer than about 49 days; a deadline beyond that is, in practice, none.
        if (_timeout.TotalMilliseconds > uint.MaxValue - 1) return;
        _deadlineTimer = new Timer(static state => ((HttpContextServerCallContext)state!).OnDeadline(), this, _timeout, Timeout.InfiniteTimeSpan);
    }

    public override async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        await _gate.WaitAsync(CancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfFinished();
            if (_responseStarted) throw new InvalidOperationException("Response headers can only be sent once per call.");
            foreach (var entry in responseHeaders)
            {
                _httpContext.Response.Headers.Append(entry.Key, MetadataHeaders.ToHeaderValue(entry));
            }
            _responseStarted = true;
            await _httpContext.Response.BodyWriter.FlushAsync(CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads the one request message of a unary or server-streaming call.</summary>
    internal async Task<T> ReadSingleMessageAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        var message = await ReadMessageAsync(parser, CancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(new Status(StatusCode.Internal, "Request ended without a message."));
        if (await ReadMessageAsync(parser, CancellationToken).ConfigureAwait(false) is not null)
            throw new RpcException(new Status(StatusCode.Internal, "Additional data after the message received."));
        return message;
    }

    internal ValueTask<T?> ReadMessageAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T> =>
        FrameReader.ReadMessageAsync(
            _httpContext.Request.BodyReader,
            parser,
            _options.MaxReceiveMessageSize,
            _httpContext.Request.Headers[GrpcProtocol.EncodingHeader].ToString() is { Length: > 0 } encoding ? encoding : null,
            cancellationToken);

    /// <summary>Writes one response message; streaming calls flush so it leaves Kestrel's buffer now.</summary>
    internal async Task WriteMessageAsync(IMessage message, bool flush, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfFinished();
            var writer = _httpContext.Response.BodyWriter;
            FrameWriter.Write(writer, message, _options.MaxSendMessageSize);
            _responseStarted = true;
            if (!flush) return;
            await writer.FlushAsync(CancellationToken).ConfigureAwait(false);
            // FlushAsync does not always report a reset stream (dotnet/aspnetcore#40788); the token does.
            CancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The handler returned: send <see cref="Status"/> and the trailers.</summary>
    internal async Task EndCallAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_finished) return;
            if (_deadlineExceeded)
            {
                await EndWithDeadlineExceededAsync().ConfigureAwait(false);
                return;
            }
            _finished = true;
            WriteStatus(Status);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The handler threw: turn the exception into the call's status.</summary>
    internal async Task ProcessHandlerErrorAsync(Exception exception)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_finished)
            {
                GrpcLog.HandlerEndedAfterCompletion(_logger, Method);
                return;
            }
            if (_deadlineExceeded)
            {
                await EndWithDeadlineExceededAsync().ConfigureAwait(false);
                return;
            }
            _finished = true;
            if (_httpContext.RequestAborted.IsCancellationRequested)
            {
                // The client reset the stream: nobody is left to read a status.
                GrpcLog.ClientCancelled(_logger, Method);
                return;
            }
            WriteStatus(StatusFor(exception));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_deadlineTimer is not null) await _deadlineTimer.DisposeAsync().ConfigureAwait(false);
        if (_deadlineTask is not null) await _deadlineTask.ConfigureAwait(false);
        _cts.Dispose();
        _gate.Dispose();
    }

    private Status StatusFor(Exception exception)
    {
        if (exception is RpcException rpc)
        {
            GrpcLog.RpcExceptionThrown(_logger, Method, rpc.StatusCode, rpc.Status.Detail);
            foreach (var entry in rpc.Trailers) _responseTrailers.Add(entry);
            return rpc.Status;
        }
        GrpcLog.HandlerFailed(_logger, Method, exception);
        // The exception text may hold internals (paths, queries, secrets); only send it when asked to.
        var detail = _options.EnableDetailedErrors
            ? $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}"
            : "Exception was thrown by handler.";
        return new Status(StatusCode.Unknown, detail);
    }

    private void WriteStatus(Status status)
    {
        var response = _httpContext.Response;
        // Trailers-Only: when nothing was sent, the status rides in the one and only HEADERS frame.
        var target = !_responseStarted && !response.HasStarted
            ? response.Headers
            : _httpContext.Features.Get<IHttpResponseTrailersFeature>()?.Trailers
              ?? throw new InvalidOperationException("The server does not support HTTP trailers, which gRPC needs.");
        foreach (var entry in _responseTrailers)
        {
            target.Append(entry.Key, MetadataHeaders.ToHeaderValue(entry));
        }
        target[GrpcProtocol.StatusHeader] = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
        if (status.Detail.Length > 0) target[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(status.Detail);
    }

    private void OnDeadline()
    {
        _deadlineExceeded = true;
        _deadlineTask = OnDeadlineAsync();
    }

    private async Task OnDeadlineAsync()
    {
        GrpcLog.DeadlineExceeded(_logger, Method, _timeout);
        try
        {
            // Cancel first, so a handler blocked in a write or read lets go of the gate.
            await _cts.CancelAsync().ConfigureAwait(false);
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (!_finished) await EndWithDeadlineExceededAsync().ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or ObjectDisposedException)
        {
            GrpcLog.DeadlineCompletionFailed(_logger, Method, ex);
        }
    }

    // Called under the gate. Sends DEADLINE_EXCEEDED now, without waiting for the handler, then resets the
    // stream with CANCEL so the client stops sending.
    private async Task EndWithDeadlineExceededAsync()
    {
        _finished = true;
        WriteStatus(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
        await _httpContext.Features.Get<IHttpResponseBodyFeature>()!.CompleteAsync().ConfigureAwait(false);
        var reset = _httpContext.Features.Get<IHttpResetFeature>();
        if (reset is not null) reset.Reset(Http2CancelErrorCode);
        else _httpContext.Abort();
    }

    private void ThrowIfFinished()
    {
        if (_finished) throw new InvalidOperationException("Can't write the message because the call is complete.");
        CancellationToken.ThrowIfCancellationRequested();
    }

    private Metadata ReadRequestHeaders()
    {
        var metadata = new Metadata();
        foreach (var (name, values) in _httpContext.Request.Headers)
        {
            MetadataHeaders.AddReceived(metadata, name, values);
        }
        return metadata;
    }

    private static string FormatPeer(ConnectionInfo connection) => connection.RemoteIpAddress switch
    {
        null => "unknown",
        { AddressFamily: AddressFamily.InterNetworkV6 } address => $"ipv6:[{address}]:{connection.RemotePort}",
        var address => $"ipv4:{address}:{connection.RemotePort}",
    };
}
