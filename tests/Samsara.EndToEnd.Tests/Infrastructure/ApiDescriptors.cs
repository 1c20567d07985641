using Google.Protobuf;
using Google.Protobuf.Reflection;
using Samsara.Api.V1;

namespace Samsara.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The FileDescriptorSet the grpcio clients build their message classes from (Debian has no python protoc matching
/// these protos): samsara.v1's five services, grpc.health.v1, grpc.reflection.v1alpha and google.rpc, dependencies first.
/// </summary>
public static class ApiDescriptors
{
    public static byte[] Set()
    {
        var set = new FileDescriptorSet();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Add(RunServiceReflection.Descriptor);
        Add(GeneratorServiceReflection.Descriptor);
        Add(FilterServiceReflection.Descriptor);
        Add(JudgeServiceReflection.Descriptor);
        Add(TrainerServiceReflection.Descriptor);
        Add(global::Grpc.Health.V1.HealthReflection.Descriptor);
        Add(global::Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor);
        Add(Google.Rpc.StatusReflection.Descriptor);
        Add(Google.Rpc.ErrorDetailsReflection.Descriptor);
        return set.ToByteArray();

        void Add(FileDescriptor file)
        {
            if (!seen.Add(file.Name)) return;
            foreach (var dependency in file.Dependencies) Add(dependency);
            set.File.Add(FileDescriptorProto.Parser.ParseFrom(file.SerializedData));
        }
    }
}
