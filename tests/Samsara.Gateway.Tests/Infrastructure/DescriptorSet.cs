using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Samsara.Gateway.Tests.Infrastructure;

/// <summary>
/// samsara.v1, grpc.health.v1, grpc.reflection.v1alpha and google.rpc (Status, BadRequest) as a FileDescriptorSet file: the grpcio client
/// builds its message classes from it (Debian has no python protoc matching these protos).
/// </summary>
public static class DescriptorSet
{
    private static readonly Lazy<string> FilePath = new(Write);

    public static string Path => FilePath.Value;

    private static string Write()
    {
        var set = new FileDescriptorSet();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Add(Samsara.Api.V1.RunServiceReflection.Descriptor);
        Add(global::Grpc.Health.V1.HealthReflection.Descriptor);
        Add(global::Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor);
        Add(Google.Rpc.StatusReflection.Descriptor);
        Add(Google.Rpc.ErrorDetailsReflection.Descriptor);
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"samsara-gateway-tests-{Environment.ProcessId}.pb");
        File.WriteAllBytes(path, set.ToByteArray());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;

        // Dependencies first, so the set is in import order.
        void Add(FileDescriptor file)
        {
            if (!seen.Add(file.Name)) return;
            foreach (var dependency in file.Dependencies) Add(dependency);
            set.File.Add(FileDescriptorProto.Parser.ParseFrom(file.SerializedData));
        }
    }
}
