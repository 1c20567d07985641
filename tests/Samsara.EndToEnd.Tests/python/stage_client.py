"""A grpcio (C-core) client of one Samsara stage host: generator, filter, trainer or judge.

Usage: stage_client.py PORT SERVICE CASE DESCRIPTOR_SET API_KEY [ARG]
SERVICE is the service's short name (FilterService, ...). Message classes come from the FileDescriptorSet the C# test
writes (Debian has no matching python protoc). Each case asserts what a client sees and prints "ok" or a JSON line;
a failed assertion exits non-zero with the reason.
"""
import json
import sys

import grpc
from google.protobuf import descriptor_pb2, message_factory

port, service, case, descriptors, key = sys.argv[1:6]
arg = sys.argv[6] if len(sys.argv) > 6 else ""
with open(descriptors, "rb") as f:
    M = message_factory.GetMessages(list(descriptor_pb2.FileDescriptorSet.FromString(f.read()).file))
channel = grpc.insecure_channel(f"127.0.0.1:{port}")
KEY = [("authorization", f"Bearer {key}")]


def method(name, request, response, stream=False):
    factory = channel.unary_stream if stream else channel.unary_unary
    return factory(f"/samsara.v1.{service}/{name}", request_serializer=M[f"samsara.v1.{request}"].SerializeToString,
                   response_deserializer=M[f"samsara.v1.{response}"].FromString)


def expect_error(code, call, *args, **kwargs):
    try:
        result = call(*args, **kwargs)
        if not hasattr(result, "SerializeToString"):
            list(result)   # a server stream: the status comes at its end
    except grpc.RpcError as error:
        assert error.code() == code, (error.code(), error.details())
        return error
    raise AssertionError(f"expected {code}")


def bad_fields(error):
    status = M["google.rpc.Status"].FromString(dict(error.trailing_metadata())["grpc-status-details-bin"])
    bad = [d for d in status.details if d.type_url.endswith("/google.rpc.BadRequest")]
    return {v.field for v in M["google.rpc.BadRequest"].FromString(bad[0].value).field_violations}


# What every host answers: health and reflection without a key, UNAUTHENTICATED, UNIMPLEMENTED, RESOURCE_EXHAUSTED.
def health():
    request, response = M["grpc.health.v1.HealthCheckRequest"], M["grpc.health.v1.HealthCheckResponse"]
    check = channel.unary_unary("/grpc.health.v1.Health/Check", request_serializer=request.SerializeToString,
                                response_deserializer=response.FromString)
    # "" as grpc clients ask, and the names the chart's Kubernetes gRPC probes ask: liveness and readiness.
    for name in ("", "live", "ready"):
        assert check(request(service=name)).status == response.SERVING, name


def reflection():
    request = M["grpc.reflection.v1alpha.ServerReflectionRequest"]
    response = M["grpc.reflection.v1alpha.ServerReflectionResponse"]
    info = channel.stream_stream("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
                                 request_serializer=request.SerializeToString, response_deserializer=response.FromString)
    answers = list(info(iter([request(list_services=""), request(file_containing_symbol=f"samsara.v1.{service}")])))
    names = {s.name for s in answers[0].list_services_response.service}
    assert f"samsara.v1.{service}" in names, names
    files = [descriptor_pb2.FileDescriptorProto.FromString(b) for b in answers[1].file_descriptor_response.file_descriptor_proto]
    assert any(s.name == service for f in files for s in f.service), [f.name for f in files]


def no_key():
    call = channel.unary_unary(f"/samsara.v1.{service}/{FIRST[service]}", request_serializer=lambda m: b"", response_deserializer=lambda b: b)
    expect_error(grpc.StatusCode.UNAUTHENTICATED, call, None)
    expect_error(grpc.StatusCode.UNAUTHENTICATED, call, None, metadata=[("authorization", "Bearer forged")])


def unimplemented():
    call = channel.unary_unary(f"/samsara.v1.{service}/NoSuchMethod", request_serializer=lambda m: b"", response_deserializer=lambda b: b)
    expect_error(grpc.StatusCode.UNIMPLEMENTED, call, None, metadata=KEY)


def oversized():
    call = channel.unary_unary(f"/samsara.v1.{service}/{FIRST[service]}", request_serializer=lambda m: m, response_deserializer=lambda b: b)
    expect_error(grpc.StatusCode.RESOURCE_EXHAUSTED, call, b"\x0a" + b"\xff\xff\xff\x02" + b"x" * (5 * 1024 * 1024), metadata=KEY)


FIRST = {"FilterService": "Filter", "JudgeService": "Judge", "GeneratorService": "Generate", "TrainerService": "GetTraining"}


# One real call of each API.
def generation(gid, responses, reasons):
    return M["samsara.v1.Generation"](id=gid, category="math", prompt="What is 2+2?", constitutions=["1. Be right.", "1. Be wrong."],
                                      responses=responses, finish_reasons=reasons)


def filter_call():
    long_a = "The answer is four, because two plus two is four. " * 4
    request = M["samsara.v1.FilterRequest"](generations=[
        generation("kept", [long_a, "It is five, surely, I think so."], ["eos", "eos"]),
        generation("cut", [long_a, "It is five"], ["eos", "length"]),
    ], settings=M["samsara.v1.FilterSettings"](disabled_rules=["length_ratio", "short_length", "prefix_distance"]))
    response = method("Filter", "FilterRequest", "FilterResponse")(request, metadata=KEY)
    assert [g.id for g in response.kept] == ["kept"], response
    assert response.read == 2 and response.rejected["termination"] == 1 and response.failed["termination"] == 1, response
    bad = M["samsara.v1.FilterRequest"](generations=[generation("x", ["only one"], ["eos", "eos"])],
                                        settings=M["samsara.v1.FilterSettings"](disabled_rules=["no_such_rule"]))
    error = expect_error(grpc.StatusCode.INVALID_ARGUMENT, method("Filter", "FilterRequest", "FilterResponse"), bad, metadata=KEY)
    assert bad_fields(error) == {"generations[0]", "settings"}, bad_fields(error)


def judge_pairs(n):
    return [M["samsara.v1.JudgePair"](id=f"p{i}", category="math", prompt=f"What is {i}+{i}?", constitution="1. Answer with the number.",
                                      response_a=f"The answer is {2 * i}.\n#### {2 * i}", response_b="I would rather not say.") for i in range(n)]


def judge_call():
    judge = method("Judge", "JudgeRequest", "PairVerdict", stream=True)
    spec = arg or "rubric"
    verdicts = list(judge(M["samsara.v1.JudgeRequest"](pairs=judge_pairs(3), judge=spec), metadata=KEY))
    assert sorted(v.id for v in verdicts) == ["p0", "p1", "p2"], verdicts
    assert all(v.verdict in ("A", "B", "tie") and v.calls for v in verdicts), verdicts
    if spec.startswith("openai:"):
        assert verdicts[-1].usage.requests > 0, verdicts[-1]
    error = expect_error(grpc.StatusCode.INVALID_ARGUMENT, judge,
                         M["samsara.v1.JudgeRequest"](pairs=[M["samsara.v1.JudgePair"](id="x")], judge="nonsense"), metadata=KEY)
    assert bad_fields(error) == {"judge", "pairs[0].prompt", "pairs[0].response_a", "pairs[0].response_b", "pairs[0].constitution"}, bad_fields(error)
    print(json.dumps({"verdicts": {v.id: v.verdict for v in verdicts}}))


def generate_request(n, max_new_tokens):
    prompts = [M["samsara.v1.GeneratePrompt"](id=f"q{i}", category="math", prompt=f"What is {i} plus {i}?",
                                              constitutions=["1. Answer with the number.", "1. Never answer."]) for i in range(n)]
    return M["samsara.v1.GenerateRequest"](prompts=prompts, seed=7,
                                           constitutions=M["samsara.v1.ConstitutionSpec"](prompt_format="compact"),
                                           generation=M["samsara.v1.GenerationSettings"](temperature=1.0, max_new_tokens=max_new_tokens))


def generate_call():
    generate = method("Generate", "GenerateRequest", "GeneratedCompletion", stream=True)
    completions = list(generate(generate_request(2, 16), metadata=KEY))
    assert len(completions) == 4, completions
    assert {(c.prompt_id, c.constitution_index) for c in completions} == {("q0", 0), ("q0", 1), ("q1", 0), ("q1", 1)}, completions
    assert all(c.finish_reason in ("eos", "stop", "length") and c.model for c in completions), completions
    assert completions[0].constitution == "1. Answer with the number.", completions[0]
    bad = M["samsara.v1.GenerateRequest"](prompts=[M["samsara.v1.GeneratePrompt"](id="x")],
                                          generation=M["samsara.v1.GenerationSettings"](temperature=-1, max_new_tokens=100000))
    error = expect_error(grpc.StatusCode.INVALID_ARGUMENT, generate, bad, metadata=KEY)
    # No constitutions and no category: nothing to sample them from.
    assert bad_fields(error) == {"prompts[0].prompt", "prompts[0].category", "generation.temperature", "generation.max_new_tokens"}, bad_fields(error)


def deadline():
    # Far more work than the deadline allows: the client sees DEADLINE_EXCEEDED after some completions, and the
    # server stops generating (the C# test reads its log).
    generate = method("Generate", "GenerateRequest", "GeneratedCompletion", stream=True)
    received = []
    try:
        for c in generate(generate_request(500, 64), metadata=KEY, timeout=float(arg or "3")):
            received.append(c)
    except grpc.RpcError as error:
        assert error.code() == grpc.StatusCode.DEADLINE_EXCEEDED, (error.code(), error.details())
    else:
        raise AssertionError("the generation finished before its deadline")
    assert len(received) < 1000, len(received)
    print(json.dumps({"received": len(received)}))


def trainer_call():
    training = method("GetTraining", "GetTrainingRequest", "Training")(M["samsara.v1.GetTrainingRequest"](), metadata=KEY)
    assert not training.active, training
    list_models = method("ListModels", "ListModelsRequest", "ListModelsResponse")
    expect_error(grpc.StatusCode.NOT_FOUND, list_models, M["samsara.v1.ListModelsRequest"](run_id="3f2504e0-4f89-11d3-9a0c-0305e82c3301"), metadata=KEY)
    error = expect_error(grpc.StatusCode.INVALID_ARGUMENT, list_models, M["samsara.v1.ListModelsRequest"](run_id="nope"), metadata=KEY)
    assert bad_fields(error) == {"run_id"}, bad_fields(error)


def algorithm_name(message):
    # The samsara.v1.Algorithm value's name (SFT, SFT_SAMI, ...): the message classes carry enums as numbers.
    return message.DESCRIPTOR.fields_by_name["algorithm"].enum_type.values_by_number[message.algorithm].name


def watch_training():
    # Steps of the run ARG as the trainer trains it, until its last step of the last training; then its models.
    watch = method("WatchTraining", "WatchTrainingRequest", "TrainingStepMetrics", stream=True)
    call = watch(M["samsara.v1.WatchTrainingRequest"](run_id=arg), metadata=KEY, timeout=600)
    print(json.dumps({"watching": True}), flush=True)
    for step in call:
        print(json.dumps({"step": {"algorithm": algorithm_name(step), "step": step.step, "total": step.total_steps, "loss": step.loss}}), flush=True)
        if algorithm_name(step) == "SFT_SAMI" and step.step == step.total_steps:
            call.cancel()
            break


def list_models():
    models = method("ListModels", "ListModelsRequest", "ListModelsResponse")(M["samsara.v1.ListModelsRequest"](run_id=arg), metadata=KEY)
    print(json.dumps({"models": sorted(algorithm_name(m) for m in models.models)}))


globals()[case]()
print("ok")
