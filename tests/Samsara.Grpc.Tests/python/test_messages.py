"""Message classes for the grpcio peers, built at run time from the FileDescriptorSet the C# tests write.

Debian ships no protoc plugin for Python that matches its grpcio, and the classes only need the descriptors:
the test service, health and reflection protos, exactly as Samsara compiled them.
"""
from google.protobuf import descriptor_pb2, message_factory


def load(path):
    with open(path, "rb") as f:
        files = descriptor_pb2.FileDescriptorSet.FromString(f.read()).file
    return message_factory.GetMessages(list(files))


def status_code(value):
    """grpc.StatusCode for a numeric code."""
    import grpc
    return next(c for c in grpc.StatusCode if c.value[0] == value)
