using System.Runtime.InteropServices;

namespace Samsara.Torch.Internal;

internal static class Native
{
    public const string Library = "samsara_torch";

    /// <summary>Every native call goes through here: a non-zero status becomes an exception with libtorch's message.</summary>
    public static void Check(int status)
    {
        if (status != 0)
            throw new SamsaraNativeException(Marshal.PtrToStringUTF8(NativeMethods.sam_last_error()) ?? "unknown native error");
    }
}
