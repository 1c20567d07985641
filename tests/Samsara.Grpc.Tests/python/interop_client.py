"""A grpcio interop client: runs one case against a grpc.testing.TestService server on 127.0.0.1.

Written from the gRPC interop test descriptions; exits non-zero (with a traceback) when the case fails.
Usage: interop_client.py PORT CASE DESCRIPTOR_SET
"""
import queue
import sys

import grpc

import test_messages

port, case, descriptors = sys.argv[1], sys.argv[2], sys.argv[3]
M = test_messages.load(descriptors)
Empty = M["grpc.testing.Empty"]
Payload = M["grpc.testing.Payload"]
EchoStatus = M["grpc.testing.EchoStatus"]
SimpleRequest = M["grpc.testing.SimpleRequest"]
SimpleResponse = M["grpc.testing.SimpleResponse"]
ResponseParameters = M["grpc.testing.ResponseParameters"]
StreamingOutputCallRequest = M["grpc.testing.StreamingOutputCallRequest"]
StreamingOutputCallResponse = M["grpc.testing.StreamingOutputCallResponse"]
StreamingInputCallRequest = M["grpc.testing.StreamingInputCallRequest"]
StreamingInputCallResponse = M["grpc.testing.StreamingInputCallResponse"]

REQUEST_SIZES = [27182, 8, 1828, 45904]
RESPONSE_SIZES = [31415, 9, 2653, 58979]
SPECIAL = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n"
INITIAL = ("x-grpc-test-echo-initial", "test_initial_metadata_value")
TRAILING = ("x-grpc-test-echo-trailing-bin", b"\x0a\x0b\x0a\x0b\x0a\x0b")

channel = grpc.insecure_channel(f"127.0.0.1:{port}")


def method(path, kind, request, response):
    return getattr(channel, kind)(path, request_serializer=request.SerializeToString, response_deserializer=response.FromString)


service = "/grpc.testing.TestService/"
empty_call = method(service + "EmptyCall", "unary_unary", Empty, Empty)
unary_call = method(service + "UnaryCall", "unary_unary", SimpleRequest, SimpleResponse)
streaming_output_call = method(service + "StreamingOutputCall", "unary_stream", StreamingOutputCallRequest, StreamingOutputCallResponse)
streaming_input_call = method(service + "StreamingInputCall", "stream_unary", StreamingInputCallRequest, StreamingInputCallResponse)
full_duplex_call = method(service + "FullDuplexCall", "stream_stream", StreamingOutputCallRequest, StreamingOutputCallResponse)


def payload(size):
    return Payload(body=b"\0" * size)


def expect_error(code, call, details=None):
    try:
        call()
    except grpc.RpcError as error:
        assert error.code() == code, f"expected {code}, got {error.code()}: {error.details()}"
        if details is not None:
            assert error.details() == details, f"details {error.details()!r} != {details!r}"
        return error
    raise AssertionError(f"expected {code}, but the call succeeded")


class Pinger:
    """A request iterator the test feeds one message at a time (ping-pong needs request N after response N-1)."""

    def __init__(self):
        self.q = queue.Queue()

    def send(self, request):
        self.q.put(request)

    def close(self):
        self.q.put(None)

    def __iter__(self):
        return self

    def __next__(self):
        item = self.q.get()
        if item is None:
            raise StopIteration
        return item


def empty_unary():
    assert isinstance(empty_call(Empty()), Empty)


def large_unary():
    response = unary_call(SimpleRequest(response_size=314159, payload=payload(271828)))
    assert response.payload.type == 0 and len(response.payload.body) == 314159


def server_streaming():
    request = StreamingOutputCallRequest(response_parameters=[ResponseParameters(size=s) for s in RESPONSE_SIZES])
    assert [len(r.payload.body) for r in streaming_output_call(request)] == RESPONSE_SIZES


def client_streaming():
    response = streaming_input_call(iter([StreamingInputCallRequest(payload=payload(s)) for s in REQUEST_SIZES]))
    assert response.aggregated_payload_size == 74922, response.aggregated_payload_size


def ping_pong():
    pinger = Pinger()
    responses = full_duplex_call(pinger)
    for request_size, response_size in zip(REQUEST_SIZES, RESPONSE_SIZES):
        pinger.send(StreamingOutputCallRequest(response_parameters=[ResponseParameters(size=response_size)], payload=payload(request_size)))
        assert len(next(responses).payload.body) == response_size
    pinger.close()
    assert next(responses, None) is None


def status_code_and_message():
    echo = EchoStatus(code=2, message="test status message")
    expect_error(grpc.StatusCode.UNKNOWN, lambda: unary_call(SimpleRequest(response_status=echo)), "test status message")
    expect_error(grpc.StatusCode.UNKNOWN, lambda: list(full_duplex_call(iter([StreamingOutputCallRequest(response_status=echo)]))), "test status message")


def special_status_message():
    expect_error(grpc.StatusCode.UNKNOWN, lambda: unary_call(SimpleRequest(response_status=EchoStatus(code=2, message=SPECIAL))), SPECIAL)


def custom_metadata():
    request = SimpleRequest(response_size=314159, payload=payload(271828))
    response, call = unary_call.with_call(request, metadata=[INITIAL, TRAILING])
    assert INITIAL in call.initial_metadata(), call.initial_metadata()
    assert TRAILING in call.trailing_metadata(), call.trailing_metadata()

    stream = full_duplex_call(iter([StreamingOutputCallRequest(response_parameters=[ResponseParameters(size=314159)], payload=payload(271828))]),
                              metadata=[INITIAL, TRAILING])
    assert [len(r.payload.body) for r in stream] == [314159]
    assert INITIAL in stream.initial_metadata(), stream.initial_metadata()
    assert TRAILING in stream.trailing_metadata(), stream.trailing_metadata()


def unimplemented_method():
    call = method(service + "UnimplementedCall", "unary_unary", Empty, Empty)
    expect_error(grpc.StatusCode.UNIMPLEMENTED, lambda: call(Empty()))


def unimplemented_service():
    call = method("/grpc.testing.UnimplementedService/UnimplementedCall", "unary_unary", Empty, Empty)
    expect_error(grpc.StatusCode.UNIMPLEMENTED, lambda: call(Empty()))


def timeout_on_sleeping_server():
    pinger = Pinger()
    pinger.send(StreamingOutputCallRequest(payload=payload(27182)))
    expect_error(grpc.StatusCode.DEADLINE_EXCEEDED, lambda: list(full_duplex_call(pinger, timeout=0.001)))


def server_deadline():
    # Unlike timeout_on_sleeping_server (which grpcio often expires before sending), the call reaches the server:
    # the second response is due after the deadline, so the server has to end the call itself.
    request = StreamingOutputCallRequest(response_parameters=[ResponseParameters(size=1), ResponseParameters(size=1, interval_us=5_000_000)])
    responses = streaming_output_call(request, timeout=0.5)
    assert len(next(responses).payload.body) == 1
    expect_error(grpc.StatusCode.DEADLINE_EXCEEDED, lambda: next(responses))


def cancel_after_first_response():
    pinger = Pinger()
    responses = full_duplex_call(pinger)
    pinger.send(StreamingOutputCallRequest(response_parameters=[ResponseParameters(size=31415)], payload=payload(27182)))
    assert len(next(responses).payload.body) == 31415
    responses.cancel()
    expect_error(grpc.StatusCode.CANCELLED, lambda: next(responses))


globals()[case]()
print(f"{case}: ok")
