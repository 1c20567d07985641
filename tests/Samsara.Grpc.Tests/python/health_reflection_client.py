"""A grpcio client for the standard health and reflection services, as grpc_health_probe and grpcurl use them.

Usage: health_reflection_client.py PORT CASE DESCRIPTOR_SET
"""
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool

import test_messages

port, case, descriptors = sys.argv[1], sys.argv[2], sys.argv[3]
M = test_messages.load(descriptors)
channel = grpc.insecure_channel(f"127.0.0.1:{port}")

HealthCheckRequest = M["grpc.health.v1.HealthCheckRequest"]
HealthCheckResponse = M["grpc.health.v1.HealthCheckResponse"]
SERVING = HealthCheckResponse.SERVING
NOT_SERVING = HealthCheckResponse.NOT_SERVING
SERVICE_UNKNOWN = HealthCheckResponse.SERVICE_UNKNOWN
check = channel.unary_unary("/grpc.health.v1.Health/Check", request_serializer=HealthCheckRequest.SerializeToString,
                            response_deserializer=HealthCheckResponse.FromString)
watch = channel.unary_stream("/grpc.health.v1.Health/Watch", request_serializer=HealthCheckRequest.SerializeToString,
                             response_deserializer=HealthCheckResponse.FromString)


def health_check():
    assert check(HealthCheckRequest(service="")).status == SERVING
    assert check(HealthCheckRequest(service="grpc.testing.TestService")).status == SERVING
    try:
        check(HealthCheckRequest(service="no.such.Service"))
        raise AssertionError("an unknown service must be NOT_FOUND")
    except grpc.RpcError as error:
        assert error.code() == grpc.StatusCode.NOT_FOUND, error.code()


def health_watch():
    overall = watch(HealthCheckRequest(service=""))
    assert next(overall).status == SERVING
    overall.cancel()
    unknown = watch(HealthCheckRequest(service="no.such.Service"))
    # Unknown is not an error for Watch: the call stays open and reports SERVICE_UNKNOWN.
    assert next(unknown).status == SERVICE_UNKNOWN
    unknown.cancel()


def reflection(version):
    package = f"grpc.reflection.{version}"
    Request = M[f"{package}.ServerReflectionRequest"]
    Response = M[f"{package}.ServerReflectionResponse"]
    info = channel.stream_stream(f"/{package}.ServerReflection/ServerReflectionInfo",
                                 request_serializer=Request.SerializeToString, response_deserializer=Response.FromString)
    requests = [
        Request(list_services=""),
        Request(file_containing_symbol="grpc.testing.TestService"),
        Request(file_by_filename="grpc/health/v1/health.proto"),
        Request(file_containing_symbol="no.such.Symbol"),
    ]
    listed, by_symbol, by_name, missing = list(info(iter(requests)))

    names = {s.name for s in listed.list_services_response.service}
    expected = {"grpc.testing.TestService", "grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection", "grpc.reflection.v1.ServerReflection"}
    assert expected <= names, names

    # The answer must be self-contained: the file and all it imports, enough to rebuild the service.
    pool = descriptor_pool.DescriptorPool()
    files = [descriptor_pb2.FileDescriptorProto.FromString(b) for b in by_symbol.file_descriptor_response.file_descriptor_proto]
    assert files[0].name == "grpc/testing/test.proto", [f.name for f in files]
    for f in reversed(files):
        pool.Add(f)
    assert [m.name for m in pool.FindServiceByName("grpc.testing.TestService").methods][:2] == ["EmptyCall", "UnaryCall"]

    health = descriptor_pb2.FileDescriptorProto.FromString(by_name.file_descriptor_response.file_descriptor_proto[0])
    assert health.package == "grpc.health.v1" and health.service[0].name == "Health"

    assert missing.error_response.error_code == grpc.StatusCode.NOT_FOUND.value[0], missing
    assert missing.original_request.file_containing_symbol == "no.such.Symbol"


def reflection_v1alpha():
    reflection("v1alpha")


def reflection_v1():
    reflection("v1")


globals()[case]()
print(f"{case}: ok")
