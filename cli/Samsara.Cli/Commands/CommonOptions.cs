using System.CommandLine;

namespace Samsara.Cli.Commands;

/// <summary>Options shared by the commands that run a model.</summary>
internal static class CommonOptions
{
    public static Option<string> Model() => new("--model") { Description = "Model directory (Hugging Face layout)", Required = true };

    public static Option<string> Device() => new("--device") { Description = "cpu, cuda or cuda:N", DefaultValueFactory = _ => "cpu" };

    public static Option<string?> DType() => new("--dtype") { Description = "float32, float16 or bfloat16 (default: float32 on CPU, bfloat16 on CUDA)" };

    public static Option<int?> Threads() => new("--threads") { Description = "CPU threads for libtorch (default: libtorch's choice)" };

    public static Option<int> BatchSize() => new("--batch-size") { Description = "Sequences per forward pass", DefaultValueFactory = _ => 8 };
}
