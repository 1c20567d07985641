using System.Buffers.Binary;
using System.Text;

namespace Samsara.Engine.Tests.Runtime;

/// <summary>Reads an ELF64 library's needed symbol versions (.gnu.version_r) that are not marked weak: what the loader insists on.</summary>
internal static class ElfVersionNeeds
{
    public static HashSet<string> HardRequirements(byte[] elf)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var table = (int)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(0x28));
        int size = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3a)), count = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3c));
        for (var i = 0; i < count; i++)
        {
            var header = table + i * size;
            if (U32(elf, header + 4) != 0x6ffffffe) continue;   // SHT_GNU_verneed
            var strings = (int)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(table + (int)U32(elf, header + 0x28) * size + 0x18));
            var need = (int)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(header + 0x18));
            for (uint n = 0; n < U32(elf, header + 0x2c); n++)
            {
                var aux = need + (int)U32(elf, need + 8);
                for (var a = 0; a < BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(need + 2)); a++)
                {
                    var weak = (BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(aux + 4)) & 0x2) != 0;
                    var nameStart = strings + (int)U32(elf, aux + 8);
                    var name = Encoding.ASCII.GetString(elf, nameStart, Array.IndexOf(elf, (byte)0, nameStart) - nameStart);
                    if (!weak) result.Add(name);
                    aux += (int)U32(elf, aux + 12);
                }
                need += (int)U32(elf, need + 12);
            }
        }
        return result;
    }

    private static uint U32(byte[] b, int o) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(o));
}
