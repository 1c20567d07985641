using Google.Protobuf;
using Google.Protobuf.Reflection;
using Samsara.Grpc.Health.V1;
using Samsara.Grpc.Tests.Interop;

namespace Samsara.Grpc.Tests.Infrastructure;

/// <summary>
/// The .proto files of the test, health and reflection services as a FileDescriptorSet file: the python peers
/// build their message classes from it (Debian has no grpc_tools/protoc for python 3 that matches).
/// </summary>
public static class DescriptorSet
{
    private static readonly Lazy<string> FilePath = new(Write);

    public static string Path => FilePath.Value;

    private static string Write()
    {
        var set = new FileDescriptorSet();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        FileDescriptor[] roots =
        [
            TestReflection.Descriptor,
            HealthReflection.Descriptor,
            Samsara.Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor,
            Samsara.Grpc.Reflection.V1.ReflectionReflection.Descriptor,
        ];
        foreach (var root in roots) Add(root);
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"samsara-grpc-tests-{Environment.ProcessId}.pb");
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
