using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Samsara.Grpc.Internal.Client;

/// <summary>
/// One client call over HttpClient: sends the request (headers, then one message or a stream), reads response
/// messages, and settles the call's single status from wherever it comes: headers (Trailers-Only), trailers, a
/// reset stream, the deadline, or the caller's cancellation.
/// </summary>
internal sealed class GrpcCall<TRequest, TResponse> : IClientCall
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _cts = new();
    private readonly Lock _lock = new();
    private CancellationTokenRegistration _userCancellation;
    private Timer? _deadlineTimer;
    private HttpRequestMessage? _request;
    private StreamingRequestContent? _requestContent;
    private Task<HttpResponseMessage>? _responseTask;
    private Task<Metadata>? _responseHeaders;
    private PipeReader? _body;
    private Status? _status;
    private Metadata? _trailers;
    private volatile bool _deadlineExceeded;
    private bool _disposed;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
    }

    public Task<Metadata> ResponseHeadersAsync => _responseHeaders ??= ReadResponseHeadersAsync();

    public void StartUnary(TRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        byte[] frame;
        try
        {
            frame = FrameWriter.ToArray(request, _channel.MaxSendMessageSize);
        }
        catch (RpcException error)
        {
            // Too large to send: the call fails like any other, through its response, without a request.
            Finish(error.Status, error.Trailers);
            _responseTask = Task.FromException<HttpResponseMessage>(error);
            return;
        }
        var content = new ByteArrayContent(frame);
        content.Headers.ContentType = new MediaTypeHeaderValue(GrpcProtocol.ContentType);
        Start(content);
    }

    public ClientStreamWriter<TRequest, TResponse> StartStreaming()
    {
        _requestContent = new StreamingRequestContent();
        Start(_requestContent);
        return new ClientStreamWriter<TRequest, TResponse>(this);
    }

    /// <summary>The one response of a unary or client-streaming call.</summary>
    public async Task<TResponse> ReadSingleResponseAsync()
    {
        var response = await ReadNextAsync(CancellationToken.None).ConfigureAwait(false);
        if (response is null) throw Violation("The server ended the call with OK but sent no response message.");
        if (await ReadNextAsync(CancellationToken.None).ConfigureAwait(false) is not null)
            throw Violation("The server sent more than one response message.");
        return response;
    }

    /// <summary>The next response message; null once the call ended with OK.</summary>
    /// <exception cref="RpcException">The call ended with another status.</exception>
    public async Task<TResponse?> ReadNextAsync(CancellationToken cancellationToken)
    {
        // Cancelling a read cancels the call: the rest of the stream would be unreadable anyway.
        using var readCancellation = cancellationToken.Register(static state => ((GrpcCall<TRequest, TResponse>)state!).Cancel(), this);
        var response = await _responseTask!.ConfigureAwait(false);
        if (_status is { } ended) return ended.StatusCode == StatusCode.OK ? null : throw new RpcException(ended, _trailers ?? new Metadata());
        try
        {
            _body ??= PipeReader.Create(await response.Content.ReadAsStreamAsync(_cts.Token).ConfigureAwait(false));
            var encoding = response.Headers.NonValidated.TryGetValues(GrpcProtocol.EncodingHeader, out var values) ? values.ToString() : null;
            var message = await FrameReader.ReadMessageAsync(_body, _method.ResponseParser, _channel.MaxReceiveMessageSize, encoding, _cts.Token).ConfigureAwait(false);
            if (message is not null) return message;
            // End of body: the trailers are in.
            Finish(ResponseStatus.FromTrailers(response), ResponseStatus.ToMetadata(response.TrailingHeaders));
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }
        var status = _status!.Value;
        return status.StatusCode == StatusCode.OK ? null : throw new RpcException(status, _trailers!);
    }

    public async Task WriteRequestAsync(TRequest message, CancellationToken cancellationToken)
    {
        if (_status is { } ended)
        {
            if (ended.StatusCode == StatusCode.OK) throw new InvalidOperationException("Can't write the message because the call is complete.");
            throw new RpcException(ended, _trailers ?? new Metadata());
        }
        var frame = FrameWriter.ToArray(message, _channel.MaxSendMessageSize);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_cts.Token, cancellationToken);
        try
        {
            var stream = await _requestContent!.GetStreamAsync().WaitAsync(linked.Token).ConfigureAwait(false);
            await stream.WriteAsync(frame, linked.Token).ConfigureAwait(false);
            await stream.FlushAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The server may have ended the call while we wrote; its status explains the failed write best.
            if (_responseTask is { IsFaulted: true } && _responseTask.Exception!.InnerException is RpcException rpc) throw rpc;
            throw Fail(ex);
        }
    }

    public void CompleteRequest() => _requestContent?.Complete();

    public Status GetStatus() => _status ?? throw new InvalidOperationException("Unable to get the status because the call is not complete.");

    public Metadata GetTrailers() => _trailers ?? throw new InvalidOperationException("Can't get the call trailers because the call has not completed.");

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
        }
        // Disposing a call still running cancels it, which resets its HTTP/2 stream.
        Finish(new Status(StatusCode.Cancelled, "gRPC call disposed."), new Metadata());
        _cts.Cancel();
        _deadlineTimer?.Dispose();
        _userCancellation.Dispose();
        _request?.Dispose();
        if (_responseTask is { IsCompletedSuccessfully: true }) _responseTask.Result.Dispose();
        _cts.Dispose();
    }

    private void Start(HttpContent content)
    {
        _request = new HttpRequestMessage(HttpMethod.Post, new Uri(_channel.Address, _method.FullName))
        {
            // h2c with prior knowledge: gRPC never negotiates down to HTTP/1.1.
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = _request.Headers;
        // "te: trailers" tells proxies (and C-core servers, which require it) that we read trailers.
        headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        headers.TryAddWithoutValidation("user-agent", "samsara-grpc/1.0");
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.IdentityEncoding);
        foreach (var entry in _options.Headers ?? [])
        {
            headers.TryAddWithoutValidation(entry.Key, MetadataHeaders.ToHeaderValue(entry));
        }
        StartDeadline(headers);
        _userCancellation = _options.CancellationToken.Register(static state => ((GrpcCall<TRequest, TResponse>)state!).Cancel(), this);
        _responseTask = SendAsync(_request);
    }

    private void StartDeadline(HttpRequestHeaders headers)
    {
        if (_options.Deadline is not { } deadline || deadline == DateTime.MaxValue) return;
        var remaining = (deadline.Kind == DateTimeKind.Local ? deadline.ToUniversalTime() : deadline) - DateTime.UtcNow;
        headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Encode(remaining));
        if (remaining <= TimeSpan.Zero)
        {
            // Already past: fail without sending anything, as other gRPC clients do.
            _deadlineExceeded = true;
            _cts.Cancel();
            return;
        }
        if (remaining.TotalMilliseconds > uint.MaxValue - 1) return;
        _deadlineTimer = new Timer(static state => ((GrpcCall<TRequest, TResponse>)state!).OnDeadline(), this, remaining, Timeout.InfiniteTimeSpan);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        HttpResponseMessage response;
        try
        {
            _cts.Token.ThrowIfCancellationRequested();
            response = await _channel.Invoker.SendAsync(request, _cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }
        if (ResponseStatus.FromHeaders(response) is { } status)
        {
            // Trailers-Only (or not a gRPC response): the headers were the trailers, and the call is over.
            Finish(status, ResponseStatus.ToMetadata(response.Headers));
            if (status.StatusCode != StatusCode.OK)
            {
                response.Dispose();
                throw new RpcException(status, _trailers!);
            }
        }
        return response;
    }

    private async Task<Metadata> ReadResponseHeadersAsync()
    {
        var response = await _responseTask!.ConfigureAwait(false);
        return ResponseStatus.ToMetadata(response.Headers);
    }

    private void OnDeadline()
    {
        _deadlineExceeded = true;
        Cancel();
    }

    private void Cancel()
    {
        lock (_lock)
        {
            if (!_disposed) _cts.Cancel();
        }
    }

    /// <summary>Settles the status of a call that failed with <paramref name="exception"/>, and ends it.</summary>
    private RpcException Fail(Exception exception)
    {
        if (exception is RpcException rpc)
        {
            // A protocol error found while reading (oversized or malformed message): stop the stream too.
            Finish(rpc.Status, rpc.Trailers);
            Cancel();
            return rpc;
        }
        var status = _deadlineExceeded ? new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded", exception)
            : _options.CancellationToken.IsCancellationRequested || _cts.IsCancellationRequested ? new Status(StatusCode.Cancelled, "Call canceled by the client.", exception)
            : exception switch
            {
                HttpProtocolException protocol => new Status(ResponseStatus.FromHttp2ErrorCode(protocol.ErrorCode), $"Error reading the response: {protocol.Message}", exception),
                HttpRequestException request => new Status(StatusCode.Unavailable, $"Error starting gRPC call: {request.Message}", exception),
                IOException io => new Status(StatusCode.Unavailable, $"Error reading the response: {io.Message}", exception),
                OperationCanceledException => new Status(StatusCode.Cancelled, "Call canceled.", exception),
                _ => new Status(StatusCode.Internal, $"Error in the gRPC call: {exception.GetType().Name}: {exception.Message}", exception),
            };
        Finish(status, new Metadata());
        Cancel();
        return new RpcException(_status!.Value, _trailers!);
    }

    private RpcException Violation(string detail)
    {
        // The server said OK but broke the method's contract; the call fails as INTERNAL, also in GetStatus().
        lock (_lock) _status = new Status(StatusCode.Internal, detail);
        Cancel();
        return new RpcException(_status.Value, _trailers ?? new Metadata());
    }

    private void Finish(Status status, Metadata trailers)
    {
        lock (_lock)
        {
            if (_status is not null) return;
            _status = status;
            _trailers = trailers;
        }
        _deadlineTimer?.Dispose();
        _requestContent?.Abort(new RpcException(status, trailers));
    }
}
