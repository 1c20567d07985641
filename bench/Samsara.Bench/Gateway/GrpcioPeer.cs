using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Samsara.Api.V1;

namespace Samsara.Bench.Gateway;

/// <summary>
/// bench/peers/grpcio_run_service.py with Debian's python3-grpcio: RunService.GetRun answering the same runs the
/// gateway answers, from memory. Stops when its stdin closes.
/// </summary>
internal sealed class GrpcioPeer : IAsyncDisposable
{
    private readonly Process process;
    private readonly string directory;

    private GrpcioPeer(Process process, string directory, Uri address, string version)
    {
        this.process = process;
        this.directory = directory;
        Address = address;
        Version = version;
    }

    public Uri Address { get; }

    public string Version { get; }

    public static async Task<GrpcioPeer> StartAsync(ListRunsResponse runs, string apiKey, string flavour)
    {
        var directory = Directory.CreateTempSubdirectory("samsara-bench-grpcio-").FullName;
        var descriptors = Path.Combine(directory, "samsara.pb");
        var runsPath = Path.Combine(directory, "runs.pb");
        File.WriteAllBytes(descriptors, DescriptorSet(RunServiceReflection.Descriptor).ToByteArray());
        File.WriteAllBytes(runsPath, runs.ToByteArray());
        var start = new ProcessStartInfo(Python)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        foreach (var a in new[] { Path.Combine(PeerRun.FindRepoRoot(), "bench", "peers", "grpcio_run_service.py"), descriptors, runsPath, apiKey, flavour })
            start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Python}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (!int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            process.Kill();
            throw new InvalidOperationException($"grpcio_run_service.py did not print its port (got '{line}'); is python3-grpcio installed?");
        }
        return new GrpcioPeer(process, directory, new Uri($"http://127.0.0.1:{port}"), GrpcioVersion());
    }

    public async ValueTask DisposeAsync()
    {
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
        }
        process.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private static string Python => Environment.GetEnvironmentVariable("SAMSARA_BENCH_PYTHON") ?? "/usr/bin/python3";

    /// <summary>A proto file and its imports, imports first, as a FileDescriptorSet (what the python peer builds its classes from).</summary>
    internal static FileDescriptorSet DescriptorSet(FileDescriptor root)
    {
        var set = new FileDescriptorSet();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Add(root);
        return set;

        void Add(FileDescriptor file)
        {
            if (!seen.Add(file.Name)) return;
            foreach (var dependency in file.Dependencies) Add(dependency);
            set.File.Add(FileDescriptorProto.Parser.ParseFrom(file.SerializedData));
        }
    }

    private static string GrpcioVersion()
    {
        var start = new ProcessStartInfo(Python, ["-c", "import grpc, google.protobuf; print(grpc.__version__, google.protobuf.__version__)"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var versions = process.StandardOutput.ReadToEnd().Trim().Split(' ');
        process.WaitForExit();
        return versions.Length == 2 ? $"grpcio {versions[0]}, protobuf {versions[1]}" : "grpcio (version unknown)";
    }
}
