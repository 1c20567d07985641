using Samsara.Engine.SafeTensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Engine.Tests.SafeTensors;

/// <summary>
/// Damaged files (flipped header bytes, cut-off tails) must either open into tensors that all read, or be refused
/// with a <see cref="SafeTensorsException"/>: never another exception, never a read outside the mapping.
/// </summary>
public class CorruptionFuzzTests
{
    [Fact]
    public void Random_damage_is_either_harmless_or_refused_cleanly()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempDirectory();
        var original = dir.File("original.safetensors");
        SafeTensorsWriter.Write(original,
        [
            new("embed", torch.randn([4, 6]).to(ScalarType.BFloat16)),
            new("bias", torch.zeros([6])),
            new("steps", torch.arange(0, 5)),
            new("scalar", torch.tensor(1f)),
        ], new Dictionary<string, string> { ["format"] = "pt" });
        var pristine = File.ReadAllBytes(original);
        var random = new Random(20240611);
        var damaged = dir.File("damaged.safetensors");

        var (opened, refused) = (0, 0);
        for (var trial = 0; trial < 400; trial++)
        {
            var bytes = Damage(pristine, random);
            File.WriteAllBytes(damaged, bytes);
            try
            {
                using var file = SafeTensorsFile.Open(damaged);
                foreach (var name in file.Tensors.Keys) file.ReadTensor(name, CPU).Dispose();
                opened++;
            }
            catch (SafeTensorsException error)
            {
                Assert.Contains(damaged, error.Message);
                refused++;
            }
        }

        // Both outcomes must occur, or the damage was too mild (or too wild) to test anything.
        Assert.InRange(opened, 1, 399);
        Assert.InRange(refused, 1, 399);
    }

    private static byte[] Damage(byte[] pristine, Random random)
    {
        var bytes = (byte[])pristine.Clone();
        switch (random.Next(3))
        {
            case 0:
                // Header text: where the structure lives, so where damage can mislead a reader.
                for (var i = random.Next(1, 4); i > 0; i--)
                    bytes[random.Next(8, bytes.Length - 128)] = (byte)random.Next(256);
                break;
            case 1:
                // The JSON's digits: offsets and dims turned into other, plausible numbers.
                var digits = Enumerable.Range(8, bytes.Length - 8 - 128).Where(i => bytes[i] is >= (byte)'0' and <= (byte)'9').ToArray();
                bytes[digits[random.Next(digits.Length)]] = (byte)('0' + random.Next(10));
                break;
            default:
                return bytes[..random.Next(bytes.Length)];
        }
        return bytes;
    }
}
