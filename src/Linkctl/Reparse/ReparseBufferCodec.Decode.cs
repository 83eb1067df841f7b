using System.Buffers.Binary;
using System.Globalization;
using System.Text.Unicode;

namespace Linkctl.Reparse;

internal static partial class ReparseBufferCodec
{
    /// <summary>
    /// Parses a REPARSE_DATA_BUFFER. Never throws: the bytes come from disk, possibly written by
    /// a buggy or hostile tool, so every inconsistency becomes <see cref="ReparseDecodeResult.Error"/>
    /// with a reason naming the field. Bytes after 8 + ReparseDataLength are ignored, so a caller
    /// may pass a whole FSCTL_GET_REPARSE_POINT output buffer.
    /// </summary>
    public static ReparseDecodeResult Decode(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length < HeaderSize)
        {
            return Fail($"buffer is {buffer.Length} bytes; a reparse buffer has an {HeaderSize}-byte header");
        }

        if (buffer.Length > MaximumSize)
        {
            return Fail($"buffer is {buffer.Length} bytes; Windows allows at most {MaximumSize} (MAXIMUM_REPARSE_DATA_BUFFER_SIZE)");
        }

        uint tag = BinaryPrimitives.ReadUInt32LittleEndian(buffer);
        int dataLength = BinaryPrimitives.ReadUInt16LittleEndian(buffer[4..]);
        int available = buffer.Length - HeaderSize;
        if (dataLength > available)
        {
            return Fail($"ReparseDataLength says {dataLength} but only {available} bytes follow the header");
        }

        // Reserved (offset 6) is not checked: it carries no meaning for interpretation.
        var data = buffer.Slice(HeaderSize, dataLength);
        return tag switch
        {
            ReparseTag.Symlink => DecodeSymbolicLink(data),
            ReparseTag.MountPoint => DecodeMountPoint(data),
            ReparseTag.LxSymlink => DecodeLxSymlink(data),
            ReparseTag.AppExecLink => DecodeAppExecLink(data),
            _ => ReparseDecodeResult.Ok(new OtherReparsePoint(tag, data.ToArray())),
        };
    }

    private static ReparseDecodeResult DecodeSymbolicLink(ReadOnlySpan<byte> data)
    {
        if (data.Length < SymlinkFixedSize)
        {
            return Fail($"symbolic link data is {data.Length} bytes; it needs {SymlinkFixedSize} for the name offsets, lengths and flags");
        }

        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(data[8..]);
        var pathBuffer = data[SymlinkFixedSize..];
        if (!TryReadNames(data, pathBuffer, out var substitute, out var print, out var error))
        {
            return Fail(error);
        }

        return ReparseDecodeResult.Ok(
            new SymbolicLinkReparsePoint(substitute, print, (flags & SymlinkFlagRelative) != 0));
    }

    private static ReparseDecodeResult DecodeMountPoint(ReadOnlySpan<byte> data)
    {
        if (data.Length < MountPointFixedSize)
        {
            return Fail($"mount point data is {data.Length} bytes; it needs {MountPointFixedSize} for the name offsets and lengths");
        }

        var pathBuffer = data[MountPointFixedSize..];
        if (!TryReadNames(data, pathBuffer, out var substitute, out var print, out var error))
        {
            return Fail(error);
        }

        return ReparseDecodeResult.Ok(new MountPointReparsePoint(substitute, print));
    }

    private static bool TryReadNames(
        ReadOnlySpan<byte> data, ReadOnlySpan<byte> pathBuffer, out string substitute, out string print, out string error)
    {
        substitute = print = string.Empty;
        int subOffset = BinaryPrimitives.ReadUInt16LittleEndian(data);
        int subLength = BinaryPrimitives.ReadUInt16LittleEndian(data[2..]);
        int printOffset = BinaryPrimitives.ReadUInt16LittleEndian(data[4..]);
        int printLength = BinaryPrimitives.ReadUInt16LittleEndian(data[6..]);

        if (!TryReadName("SubstituteName", subOffset, subLength, pathBuffer, out substitute, out error) ||
            !TryReadName("PrintName", printOffset, printLength, pathBuffer, out print, out error))
        {
            return false;
        }

        if (substitute.Length == 0)
        {
            error = "SubstituteName is empty; it is the link's target, so the link points nowhere";
            return false;
        }

        return true;
    }

    private static bool TryReadName(
        string field, int offset, int length, ReadOnlySpan<byte> pathBuffer, out string name, out string error)
    {
        name = string.Empty;
        error = string.Empty;
        if (offset % 2 != 0 || length % 2 != 0)
        {
            error = $"{field} (offset {offset}, length {length}) is not on whole UTF-16 code units (both must be even)";
            return false;
        }

        if (offset + length > pathBuffer.Length)
        {
            error = $"{field} (offset {offset}, length {length}) runs past the end of the {pathBuffer.Length}-byte path buffer";
            return false;
        }

        name = ReadUtf16(pathBuffer.Slice(offset, length));

        // Some third-party writers count the terminator in the length; the name never includes it.
        name = name.TrimEnd('\0');
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            error = $"{field} contains a NUL character inside the name, which no Windows path can hold";
            return false;
        }

        return true;
    }

    private static ReparseDecodeResult DecodeLxSymlink(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4)
        {
            return Fail($"WSL symlink data is {data.Length} bytes; it needs 4 for the version");
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(data);
        var target = data[4..];
        if (target.IsEmpty)
        {
            return Fail("WSL symlink target is empty");
        }

        if (!Utf8.IsValid(target))
        {
            return Fail("WSL symlink target is not valid UTF-8");
        }

        return ReparseDecodeResult.Ok(new LxSymlinkReparsePoint(version, System.Text.Encoding.UTF8.GetString(target)));
    }

    // Undocumented layout (docs/windows-facts.md, APPEXECLINK): u32 version, then NUL-terminated
    // UTF-16 strings (package id, entry point, executable, application type), after James
    // Forshaw's analysis (tiraniddo.dev, 2019) as Cygwin reads it (newlib-cygwin 6183ff9dd5).
    // Parsed defensively: only reported, never acted on.
    private static ReparseDecodeResult DecodeAppExecLink(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4)
        {
            return Fail($"app execution alias data is {data.Length} bytes; it needs 4 for the version");
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(data);
        var rest = data[4..];
        if (rest.Length % 2 != 0)
        {
            return Fail($"app execution alias strings take {rest.Length} bytes, an odd count for UTF-16");
        }

        var strings = new List<string>(4);
        while (!rest.IsEmpty && strings.Count < 4)
        {
            int end = IndexOfUtf16Nul(rest);
            // A missing final terminator is tolerated: the text is still unambiguous.
            int length = end < 0 ? rest.Length : end;
            strings.Add(ReadUtf16(rest[..length]));
            rest = end < 0 ? [] : rest[(end + 2)..];
        }

        if (strings.Count < 3)
        {
            return Fail(string.Create(CultureInfo.InvariantCulture,
                $"app execution alias has {strings.Count} strings; it needs package id, app user model id and target path"));
        }

        return ReparseDecodeResult.Ok(new AppExecLinkReparsePoint(
            version, strings[0], strings[1], strings[2], strings.Count > 3 ? strings[3] : null));
    }

    private static int IndexOfUtf16Nul(ReadOnlySpan<byte> utf16)
    {
        for (int i = 0; i + 1 < utf16.Length; i += 2)
        {
            if (utf16[i] == 0 && utf16[i + 1] == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static ReparseDecodeResult Fail(string reason) => ReparseDecodeResult.Fail(reason);
}
