"""A grpcio grpc.testing.TestService server on 127.0.0.1, for Samsara's client to run the interop cases against.

Written from the gRPC interop test descriptions. Prints its port, then serves until stdin closes.
Usage: interop_server.py DESCRIPTOR_SET
"""
import sys
import time
from concurrent import futures

import grpc

import test_messages

M = test_messages.load(sys.argv[1])
Empty = M["grpc.testing.Empty"]
Payload = M["grpc.testing.Payload"]
SimpleRequest = M["grpc.testing.SimpleRequest"]
SimpleResponse = M["grpc.testing.SimpleResponse"]
StreamingOutputCallRequest = M["grpc.testing.StreamingOutputCallRequest"]
StreamingOutputCallResponse = M["grpc.testing.StreamingOutputCallResponse"]
StreamingInputCallRequest = M["grpc.testing.StreamingInputCallRequest"]
StreamingInputCallResponse = M["grpc.testing.StreamingInputCallResponse"]

INITIAL_KEY = "x-grpc-test-echo-initial"
TRAILING_KEY = "x-grpc-test-echo-trailing-bin"


def echo_metadata(context):
    metadata = dict(context.invocation_metadata())
    if INITIAL_KEY in metadata:
        context.send_initial_metadata([(INITIAL_KEY, metadata[INITIAL_KEY])])
    if TRAILING_KEY in metadata:
        context.set_trailing_metadata([(TRAILING_KEY, metadata[TRAILING_KEY])])


def echo_status(request, context):
    if request.HasField("response_status") and request.response_status.code != 0:
        context.abort(test_messages.status_code(request.response_status.code), request.response_status.message)


def empty_call(request, context):
    return Empty()


def unary_call(request, context):
    echo_metadata(context)
    echo_status(request, context)
    return SimpleResponse(payload=Payload(body=b"\0" * request.response_size))


def respond(request, context):
    echo_status(request, context)
    for parameters in request.response_parameters:
        if parameters.interval_us:
            time.sleep(parameters.interval_us / 1e6)
        yield StreamingOutputCallResponse(payload=Payload(body=b"\0" * parameters.size))


def streaming_output_call(request, context):
    yield from respond(request, context)


def streaming_input_call(requests, context):
    return StreamingInputCallResponse(aggregated_payload_size=sum(len(r.payload.body) for r in requests))


def full_duplex_call(requests, context):
    echo_metadata(context)
    for request in requests:
        yield from respond(request, context)


def handler(kind, function, request, response):
    return getattr(grpc, f"{kind}_rpc_method_handler")(function, request_deserializer=request.FromString,
                                                       response_serializer=response.SerializeToString)


service = grpc.method_handlers_generic_handler("grpc.testing.TestService", {
    "EmptyCall": handler("unary_unary", empty_call, Empty, Empty),
    "UnaryCall": handler("unary_unary", unary_call, SimpleRequest, SimpleResponse),
    "StreamingOutputCall": handler("unary_stream", streaming_output_call, StreamingOutputCallRequest, StreamingOutputCallResponse),
    "StreamingInputCall": handler("stream_unary", streaming_input_call, StreamingInputCallRequest, StreamingInputCallResponse),
    "FullDuplexCall": handler("stream_stream", full_duplex_call, StreamingOutputCallRequest, StreamingOutputCallResponse),
})

server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
server.add_generic_rpc_handlers((service,))
port = server.add_insecure_port("127.0.0.1:0")
server.start()
print(port, flush=True)
sys.stdin.read()
server.stop(0)
