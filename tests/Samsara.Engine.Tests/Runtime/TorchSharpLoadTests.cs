using System.Runtime.InteropServices;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Tests.Runtime;

/// <summary>
/// TorchSharp's libtorch loads from this build's output and runs, with the settings Samsara tunes: on Debian 12 that
/// needs the build step that marks libLibTorchSharp.so's GLIBCXX_3.4.32 requirement weak (scripts/build/).
/// </summary>
public class TorchSharpLoadTests
{
    [Fact]
    public void Libtorch_loads_and_runs_forward_and_backward()
    {
        Assert.StartsWith("2.10", TorchRuntime.LibTorchVersion, StringComparison.Ordinal);
        using var scope = NewDisposeScope();
        var x = HostTensors.FromArray([1f, 2f, 3f, 4f], 2, 2);
        x.requires_grad = true;
        var y = x.matmul(x).sum();
        y.backward();
        Assert.Equal(54f, y.ToSingle());
        Assert.Equal([7f, 11f, 9f, 13f], x.grad!.ToArray<float>());   // d/dx sum(x·x) = 1·xᵀ + xᵀ·1
    }

    [Fact]
    public void The_copy_the_build_loads_has_no_hard_glibcxx_3_4_32_requirement_unless_the_system_provides_it()
    {
        var library = Directory.EnumerateFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories).Single();
        var needsHard = ElfVersionNeeds.HardRequirements(File.ReadAllBytes(library)).Contains("GLIBCXX_3.4.32");
        var systemHas = File.Exists("/usr/lib/x86_64-linux-gnu/libstdc++.so.6")
            && File.ReadAllBytes("/usr/lib/x86_64-linux-gnu/libstdc++.so.6").AsSpan().IndexOf("GLIBCXX_3.4.32\0"u8) >= 0;
        Assert.True(systemHas || !needsHard, $"{library} still needs GLIBCXX_3.4.32, which this system's libstdc++ lacks");
    }

    [Fact]
    public void Samsara_settings_reach_libtorch()
    {
        // Set in the process environment before libtorch loaded, which is where libgomp reads it.
        Assert.Equal(TorchRuntime.OpenMpWaitPolicy, Marshal.PtrToStringUTF8(getenv("OMP_WAIT_POLICY")));
        var before = TorchRuntime.Threads;
        TorchRuntime.Threads = 1;
        Assert.Equal(1, TorchRuntime.Threads);
        TorchRuntime.Threads = before;
    }

    [Fact]
    public void Bad_device_and_dtype_names_are_named_in_the_error()
    {
        Assert.Contains("'gpu0'", Assert.Throws<ArgumentException>(() => TorchNames.ParseDevice("gpu0")).Message);
        Assert.Contains("'fp8'", Assert.Throws<ArgumentException>(() => TorchNames.ParseFloat("fp8")).Message);
        Assert.Equal(DeviceType.CUDA, TorchNames.ParseDevice("cuda:1").type);
        Assert.Equal(1, TorchNames.ParseDevice("cuda:1").index);
    }

    [DllImport("libc")]
    private static extern IntPtr getenv(string name);
}
