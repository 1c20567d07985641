"""A grpcio client of samsara.v1.RunService, as other services and people's scripts call the gateway.

Usage: gateway_client.py PORT CASE DESCRIPTOR_SET
Message classes come from the FileDescriptorSet the C# tests write (Debian has no matching python protoc).
Each case asserts what a client sees; a failed assertion exits non-zero with the reason.
"""
import sys

import grpc
from google.protobuf import descriptor_pb2, message_factory

port, case, descriptors = sys.argv[1], sys.argv[2], sys.argv[3]
with open(descriptors, "rb") as f:
    M = message_factory.GetMessages(list(descriptor_pb2.FileDescriptorSet.FromString(f.read()).file))
channel = grpc.insecure_channel(f"127.0.0.1:{port}")

ALICE = [("authorization", "Bearer alice-key")]
BOB = [("authorization", "Bearer bob-key")]
ADMIN = [("authorization", "Bearer admin-key")]
Run, RunState = M["samsara.v1.Run"], M["samsara.v1.Run"].DESCRIPTOR.fields_by_name["state"].enum_type


def method(name, request, response, stream=False):
    factory = channel.unary_stream if stream else channel.unary_unary
    return factory(f"/samsara.v1.RunService/{name}", request_serializer=M[f"samsara.v1.{request}"].SerializeToString,
                   response_deserializer=M[f"samsara.v1.{response}"].FromString)


start_run = method("StartRun", "StartRunRequest", "Run")
get_run = method("GetRun", "GetRunRequest", "Run")
list_runs = method("ListRuns", "ListRunsRequest", "ListRunsResponse")


def state(name):
    return RunState.values_by_name[name].number


def valid_spec():
    return M["samsara.v1.RunSpec"](
        name="py", teacher=M["samsara.v1.ModelRef"](path="models/teacher"), student=M["samsara.v1.ModelRef"](path="models/student"),
        train_prompts=M["samsara.v1.PromptSet"](path="data/train.jsonl"),
        training=[M["samsara.v1.TrainingSpec"](algorithm=3, steps=10)])


def expect_error(code, call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except grpc.RpcError as error:
        assert error.code() == code, (error.code(), error.details())
        return error
    raise AssertionError(f"expected {code}")


def start(metadata=ALICE, key=""):
    return start_run(M["samsara.v1.StartRunRequest"](spec=valid_spec(), idempotency_key=key), metadata=metadata)


def start_valid():
    run = start()
    assert run.state == state("PENDING"), run
    assert len(run.id) == 36 and run.spec.name == "py" and run.created_at.seconds > 0, run
    again = get_run(M["samsara.v1.GetRunRequest"](run_id=run.id), metadata=ALICE)
    assert again.id == run.id
    # The same key from the same caller is the same run; another caller's identical key is not.
    first, second = start(key="k1"), start(key="k1")
    assert first.id == second.id, (first.id, second.id)
    assert start(metadata=BOB, key="k1").id != first.id


def invalid_spec():
    spec = valid_spec()
    spec.teacher.path = "models/nowhere"
    spec.train_prompts.path = "data/missing.jsonl"
    spec.training[0].steps = 0
    error = expect_error(grpc.StatusCode.INVALID_ARGUMENT, start_run, M["samsara.v1.StartRunRequest"](spec=spec), metadata=ALICE)
    details = dict(error.trailing_metadata()).get("grpc-status-details-bin")
    assert details, error.trailing_metadata()
    status = M["google.rpc.Status"].FromString(details)
    assert status.code == 3, status
    bad = [d for d in status.details if d.type_url.endswith("/google.rpc.BadRequest")]
    assert bad, status
    fields = {v.field for v in M["google.rpc.BadRequest"].FromString(bad[0].value).field_violations}
    assert fields == {"spec.teacher.path", "spec.train_prompts.path", "spec.training[0].steps"}, fields


def no_key():
    expect_error(grpc.StatusCode.UNAUTHENTICATED, start, metadata=())
    expect_error(grpc.StatusCode.UNAUTHENTICATED, get_run, M["samsara.v1.GetRunRequest"](run_id="x"))
    expect_error(grpc.StatusCode.UNAUTHENTICATED, list_runs, M["samsara.v1.ListRunsRequest"](), metadata=[("authorization", "Bearer wrong")])


def other_owner():
    run = start()
    expect_error(grpc.StatusCode.PERMISSION_DENIED, get_run, M["samsara.v1.GetRunRequest"](run_id=run.id), metadata=BOB)
    assert get_run(M["samsara.v1.GetRunRequest"](run_id=run.id), metadata=ADMIN).id == run.id


def not_found():
    expect_error(grpc.StatusCode.NOT_FOUND, get_run, M["samsara.v1.GetRunRequest"](run_id="3f2504e0-4f89-11d3-9a0c-0305e82c3301"), metadata=ALICE)
    expect_error(grpc.StatusCode.NOT_FOUND, get_run, M["samsara.v1.GetRunRequest"](run_id="not-a-run"), metadata=ALICE)


def list_paging():
    mine = [start().id for _ in range(5)]
    start(metadata=BOB)
    seen, token = [], ""
    while True:
        page = list_runs(M["samsara.v1.ListRunsRequest"](page_size=2, page_token=token), metadata=ALICE)
        assert len(page.runs) <= 2
        seen += [r.id for r in page.runs]
        token = page.next_page_token
        if not token:
            break
    assert seen == mine, (seen, mine)
    everyone = list_runs(M["samsara.v1.ListRunsRequest"](page_size=500), metadata=ADMIN)
    assert len(everyone.runs) == 6 and not everyone.next_page_token, len(everyone.runs)
    expect_error(grpc.StatusCode.INVALID_ARGUMENT, list_runs, M["samsara.v1.ListRunsRequest"](page_token="garbage!"), metadata=ALICE)


def health():
    request = M["grpc.health.v1.HealthCheckRequest"]
    response = M["grpc.health.v1.HealthCheckResponse"]
    check = channel.unary_unary("/grpc.health.v1.Health/Check", request_serializer=request.SerializeToString,
                                response_deserializer=response.FromString)
    assert check(request(service="")).status == response.SERVING


def reflection():
    request = M["grpc.reflection.v1alpha.ServerReflectionRequest"]
    response = M["grpc.reflection.v1alpha.ServerReflectionResponse"]
    info = channel.stream_stream("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
                                 request_serializer=request.SerializeToString, response_deserializer=response.FromString)
    answers = list(info(iter([request(list_services=""), request(file_containing_symbol="samsara.v1.RunService")])))
    names = {s.name for s in answers[0].list_services_response.service}
    assert "samsara.v1.RunService" in names and "grpc.health.v1.Health" in names, names
    assert answers[1].file_descriptor_response.file_descriptor_proto, answers[1]


def unimplemented():
    missing = channel.unary_unary("/samsara.v1.RunService/NoSuchMethod", request_serializer=M["samsara.v1.GetRunRequest"].SerializeToString,
                                  response_deserializer=M["samsara.v1.Run"].FromString)
    expect_error(grpc.StatusCode.UNIMPLEMENTED, missing, M["samsara.v1.GetRunRequest"](run_id="x"), metadata=ALICE)


def oversized():
    # Past the 4 MiB the gateway accepts: refused before the run is read, not a crash or a hang.
    request = M["samsara.v1.StartRunRequest"](spec=valid_spec(), idempotency_key="x" * (5 * 1024 * 1024))
    expect_error(grpc.StatusCode.RESOURCE_EXHAUSTED, start_run, request, metadata=ALICE)


globals()[case]()
print("ok")
