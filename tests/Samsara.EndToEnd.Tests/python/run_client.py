"""A grpcio client of samsara.v1.RunService: starts a run and watches it to a final state.

Usage: run_client.py PORT API_KEY DESCRIPTOR_SET SPEC_FILE
SPEC_FILE holds a serialized samsara.v1.RunSpec; message classes come from the FileDescriptorSet the C# test writes
(Debian has no matching python protoc). Prints one JSON object a line: {"started": Run}, then {"event": RunEvent}
for each event WatchRun streams. Exits 0 once the stream reached a final state, whatever it is; the test judges it.
"""
import json
import sys

import grpc
from google.protobuf import descriptor_pb2, json_format, message_factory

port, key, descriptors, spec_file = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
with open(descriptors, "rb") as f:
    M = message_factory.GetMessages(list(descriptor_pb2.FileDescriptorSet.FromString(f.read()).file))
channel = grpc.insecure_channel(f"127.0.0.1:{port}")
metadata = [("authorization", f"Bearer {key}")]
FINAL = {"COMPLETED", "FAILED", "CANCELLED"}


def method(name, request, response, stream=False):
    factory = channel.unary_stream if stream else channel.unary_unary
    return factory(f"/samsara.v1.RunService/{name}", request_serializer=M[f"samsara.v1.{request}"].SerializeToString,
                   response_deserializer=M[f"samsara.v1.{response}"].FromString)


def emit(kind, message):
    print(json.dumps({kind: json_format.MessageToDict(message)}), flush=True)


start_run = method("StartRun", "StartRunRequest", "Run")
watch_run = method("WatchRun", "WatchRunRequest", "RunEvent", stream=True)

with open(spec_file, "rb") as f:
    spec = M["samsara.v1.RunSpec"].FromString(f.read())
run = start_run(M["samsara.v1.StartRunRequest"](spec=spec, idempotency_key="e2e"), metadata=metadata, timeout=30)
emit("started", run)

final = None
for event in watch_run(M["samsara.v1.WatchRunRequest"](run_id=run.id), metadata=metadata, timeout=220):
    emit("event", event)
    if event.WhichOneof("kind") == "state_changed":
        state = M["samsara.v1.Run"].DESCRIPTOR.fields_by_name["state"].enum_type.values_by_number[event.state_changed].name
        if state in FINAL:
            final = state
            break
if final is None:
    sys.exit("WatchRun ended without a final state")
