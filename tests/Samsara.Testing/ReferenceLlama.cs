using System.Text.Json;

namespace Samsara.Testing;

/// <summary>Drives tests/python/reference_llama.py, the independent PyTorch Llama, through Debian's python3.</summary>
public static class ReferenceLlama
{
    private static readonly string Script = Path.Combine(RepoPaths.Root, "tests", "python", "reference_llama.py");

    public static float[] Logits(string modelDir, long[][] ids, string scratch)
    {
        var output = Path.Combine(scratch, "reference-logits.f32");
        Run("logits", modelDir, JsonSerializer.Serialize(ids), output);
        var bytes = File.ReadAllBytes(output);
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }

    /// <summary>Writes the reference's loss ("loss") and gradients ("grad.NAME") to a safetensors file.</summary>
    public static string Gradients(string modelDir, long[][] ids, string scratch)
    {
        var output = Path.Combine(scratch, "reference-grads.safetensors");
        Run("grads", modelDir, JsonSerializer.Serialize(ids), output);
        return output;
    }

    public static int[] Greedy(string modelDir, int[] promptIds, int tokens) =>
        JsonSerializer.Deserialize<int[]>(Run("greedy", modelDir, JsonSerializer.Serialize(promptIds), tokens.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;

    public static void Init(string configPath, string outDir, int seed) =>
        Run("init", configPath, outDir, seed.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string Run(params string[] args) =>
        PythonRunner.Run($"import sys, runpy; sys.argv = {JsonSerializer.Serialize(new[] { Script }.Concat(args))}; runpy.run_path(sys.argv[0], run_name='__main__')");
}
