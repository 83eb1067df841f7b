using Linkctl.Reparse;
using Xunit;

namespace Linkctl.Tests.Reparse;

/// <summary>Decode reads untrusted disk data: every corruption must come back as an Error with a reason, never an exception.</summary>
[Trait("Layer", "Pure")]
public class MalformedBufferTests
{
    private static readonly byte[][] ValidBuffers =
    [
        ReparseBufferCodec.EncodeSymbolicLink(@"..\a.txt"),
        ReparseBufferCodec.EncodeSymbolicLink(@"C:\d\f.txt"),
        ReparseBufferCodec.EncodeSymbolicLink(@"\\server\share\x"),
        ReparseBufferCodec.EncodeMountPoint(@"C:\dir"),
        ReparseBufferCodec.EncodeMountPoint(@"\??\Volume{01234567-89ab-cdef-0123-456789abcdef}\"),
        ReparseBufferCodec.EncodeLxSymlink("/usr/bin/x"),
        ReparseBufferCodec.EncodeAppExecLink("P", "P!A", @"C:\a.exe", "0"),
    ];

    public static TheoryData<int> ValidBufferIndexes => new(Enumerable.Range(0, ValidBuffers.Length));

    private static string ErrorOf(byte[] buffer)
    {
        var result = ReparseBufferCodec.Decode(buffer);
        Assert.False(result.Success, $"decoded {result.Point} from corrupt bytes");
        Assert.Null(result.Point);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        return result.Error;
    }

    [Theory]
    [MemberData(nameof(ValidBufferIndexes))]
    public void Every_truncation_of_a_valid_buffer_is_an_error(int index)
    {
        var valid = ValidBuffers[index];
        for (int length = 0; length < valid.Length; length++)
        {
            ErrorOf(valid[..length]);
        }
    }

    [Theory]
    [InlineData(0, "buffer is 0 bytes; a reparse buffer has an 8-byte header")]
    [InlineData(6, "buffer is 6 bytes; a reparse buffer has an 8-byte header")]
    [InlineData(20, "ReparseDataLength says 20 but only 12 bytes follow the header")]
    public void Truncation_reasons_name_the_sizes(int length, string reason)
    {
        var valid = ReparseBufferCodec.EncodeSymbolicLink("a"); // 8 + 12 + 4 = 24 bytes, data 16
        var buffer = valid[..length];
        if (length == 20)
        {
            buffer[4] = 20;
        }

        Assert.Equal(reason, ErrorOf(buffer));
    }

    private static byte[] Symlink(ushort subOff, ushort subLen, ushort printOff, ushort printLen, int pathBufferBytes, ushort? dataLength = null)
    {
        var buffer = new byte[20 + pathBufferBytes];
        BitConverter.TryWriteBytes(buffer.AsSpan(0), ReparseTag.Symlink);
        BitConverter.TryWriteBytes(buffer.AsSpan(4), dataLength ?? (ushort)(12 + pathBufferBytes));
        BitConverter.TryWriteBytes(buffer.AsSpan(8), subOff);
        BitConverter.TryWriteBytes(buffer.AsSpan(10), subLen);
        BitConverter.TryWriteBytes(buffer.AsSpan(12), printOff);
        BitConverter.TryWriteBytes(buffer.AsSpan(14), printLen);
        buffer.AsSpan(20).Fill((byte)'x');
        return buffer;
    }

    public static TheoryData<byte[], string> CorruptBuffers => new()
    {
        { Symlink(40, 30, 0, 10, 60), "SubstituteName (offset 40, length 30) runs past the end of the 60-byte path buffer" },
        { Symlink(0, 10, 56, 10, 60), "PrintName (offset 56, length 10) runs past the end of the 60-byte path buffer" },
        { Symlink(65535, 2, 0, 2, 8), "SubstituteName (offset 65535, length 2) is not on whole UTF-16 code units (both must be even)" },
        { Symlink(0, 7, 0, 8, 8), "SubstituteName (offset 0, length 7) is not on whole UTF-16 code units (both must be even)" },
        { Symlink(0, 8, 1, 4, 8), "PrintName (offset 1, length 4) is not on whole UTF-16 code units (both must be even)" },
        { Symlink(0, 0, 0, 8, 8), "SubstituteName is empty; it is the link's target, so the link points nowhere" },
        { Symlink(0, 8, 0, 8, 8, dataLength: 200), "ReparseDataLength says 200 but only 20 bytes follow the header" },
        { Symlink(0, 8, 0, 8, 8, dataLength: 6), "symbolic link data is 6 bytes; it needs 12 for the name offsets, lengths and flags" },
        { [0x03, 0x00, 0x00, 0xA0, 0x04, 0x00, 0x00, 0x00, 0, 0, 0, 0], "mount point data is 4 bytes; it needs 8 for the name offsets and lengths" },
        { [0x1D, 0x00, 0x00, 0xA0, 0x04, 0x00, 0x00, 0x00, 2, 0, 0, 0], "WSL symlink target is empty" },
        { [0x1D, 0x00, 0x00, 0xA0, 0x05, 0x00, 0x00, 0x00, 2, 0, 0, 0, 0xFF], "WSL symlink target is not valid UTF-8" },
        { [0x1B, 0x00, 0x00, 0x80, 0x05, 0x00, 0x00, 0x00, 3, 0, 0, 0, 0x41], "app execution alias strings take 1 bytes, an odd count for UTF-16" },
        { [0x1B, 0x00, 0x00, 0x80, 0x08, 0x00, 0x00, 0x00, 3, 0, 0, 0, 0x41, 0, 0, 0], "app execution alias has 1 strings; it needs package id, app user model id and target path" },
        { new byte[ReparseBufferCodec.MaximumSize + 1], "buffer is 16385 bytes; Windows allows at most 16384 (MAXIMUM_REPARSE_DATA_BUFFER_SIZE)" },
    };

    [Theory]
    [MemberData(nameof(CorruptBuffers))]
    public void Corrupt_buffers_are_errors_with_a_reason(byte[] buffer, string reason) =>
        Assert.Equal(reason, ErrorOf(buffer));

    [Fact]
    public void A_default_result_is_an_error_not_a_null_reference()
    {
        ReparseDecodeResult result = default;
        Assert.False(result.Success);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void Ten_thousand_random_mutations_never_throw()
    {
        var random = new Random(20260422);
        int decoded = 0;
        for (int i = 0; i < 10_000; i++)
        {
            var buffer = Mutate(random, ValidBuffers[random.Next(ValidBuffers.Length)]);
            var result = ReparseBufferCodec.Decode(buffer); // an exception fails the test with the seed's iteration
            Assert.True(result.Success ? result.Point is not null && result.Error is null : !string.IsNullOrEmpty(result.Error),
                $"iteration {i}: inconsistent result {result}");
            if (result.Success)
            {
                decoded++;
            }
        }

        // Sanity: the mutations are not all caught by the first length check.
        Assert.InRange(decoded, 1, 9_999);
    }

    private static byte[] Mutate(Random random, byte[] valid)
    {
        var buffer = (byte[])valid.Clone();
        switch (random.Next(5))
        {
            case 0: // flip a few bytes anywhere
                for (int n = random.Next(1, 5); n > 0; n--)
                {
                    buffer[random.Next(buffer.Length)] = (byte)random.Next(256);
                }

                return buffer;
            case 1: // corrupt the name offsets/lengths or LX/AppExec version area
                buffer[8 + random.Next(Math.Min(8, buffer.Length - 8))] = (byte)random.Next(256);
                return buffer;
            case 2: // truncate
                return buffer[..random.Next(buffer.Length)];
            case 3: // extend with noise, maybe past the maximum
                var longer = new byte[buffer.Length + random.Next(1, random.Next(2) == 0 ? 64 : 20_000)];
                buffer.CopyTo(longer, 0);
                random.NextBytes(longer.AsSpan(buffer.Length));
                return longer;
            default: // random ReparseDataLength
                buffer[4] = (byte)random.Next(256);
                buffer[5] = (byte)random.Next(3);
                return buffer;
        }
    }
}
