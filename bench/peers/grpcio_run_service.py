"""The grpcio peer of `Samsara.Bench gateway`: samsara.v1.RunService.GetRun served by Debian's python3-grpcio
(C-core), answering from memory with the runs the real gateway returned, after the same API-key check (SHA-256 of
the bearer key, compared in constant time) that the gateway makes.

usage: grpcio_run_service.py DESCRIPTOR_SET RUNS.pb API_KEY [aio|sync]
DESCRIPTOR_SET: samsara.v1 as a FileDescriptorSet (Debian has no matching python protoc); RUNS.pb: a serialized
samsara.v1.ListRunsResponse. Prints its port, then serves until stdin closes.
"""
import asyncio
import hashlib
import hmac
import sys
from concurrent import futures

import grpc
from google.protobuf import descriptor_pb2, message_factory

descriptors, runs_path, api_key = sys.argv[1], sys.argv[2], sys.argv[3]
flavour = sys.argv[4] if len(sys.argv) > 4 else "aio"
with open(descriptors, "rb") as f:
    M = message_factory.GetMessages(list(descriptor_pb2.FileDescriptorSet.FromString(f.read()).file))
with open(runs_path, "rb") as f:
    RUNS = {run.id: run for run in M["samsara.v1.ListRunsResponse"].FromString(f.read()).runs}
KEY_HASH = hashlib.sha256(api_key.encode()).digest()


def check(request, context):
    """The run, or the status the gateway gives: UNAUTHENTICATED for a bad key, NOT_FOUND for an unknown run."""
    authorization = dict(context.invocation_metadata()).get("authorization", "")
    presented = hashlib.sha256(authorization.removeprefix("Bearer ").strip().encode()).digest()
    if not authorization.startswith("Bearer ") or not hmac.compare_digest(presented, KEY_HASH):
        return None, (grpc.StatusCode.UNAUTHENTICATED, "missing or unknown API key")
    run = RUNS.get(request.run_id)
    return (run, None) if run is not None else (None, (grpc.StatusCode.NOT_FOUND, f"run {request.run_id} not found"))


def get_run(request, context):
    run, error = check(request, context)
    if error:
        context.abort(*error)
    return run


async def get_run_async(request, context):
    run, error = check(request, context)
    if error:
        await context.abort(*error)
    return run


def service(function):
    return grpc.method_handlers_generic_handler("samsara.v1.RunService", {
        "GetRun": grpc.unary_unary_rpc_method_handler(function, request_deserializer=M["samsara.v1.GetRunRequest"].FromString,
                                                      response_serializer=M["samsara.v1.Run"].SerializeToString),
    })


async def serve_aio():
    server = grpc.aio.server()
    server.add_generic_rpc_handlers((service(get_run_async),))
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    print(port, flush=True)
    # stdin closing is the signal to stop; read it off the event loop.
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await server.stop(0)


def serve_sync():
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    server.add_generic_rpc_handlers((service(get_run),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(port, flush=True)
    sys.stdin.read()
    server.stop(0)


if flavour == "aio":
    asyncio.run(serve_aio())
elif flavour == "sync":
    serve_sync()
else:
    sys.exit(f"unknown server flavour {flavour!r}: aio or sync")
