using System.Buffers.Binary;

namespace Linkctl.Platform.Windows;

/// <summary>The byte layouts the $Reparse index reader deals in, kept apart from the calls so they are tested everywhere.</summary>
internal static class ReparseIndexRecords
{
    /// <summary>
    /// FILE_REPARSE_POINT_INFORMATION records as NtQueryDirectoryFile packs them: a little-endian
    /// 64-bit file reference and a 32-bit tag, <paramref name="recordSize"/> (16) bytes apart;
    /// a trailing partial record is ignored.
    /// </summary>
    public static void Parse(ReadOnlySpan<byte> data, int recordSize, List<ReparseIndexEntry> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentOutOfRangeException.ThrowIfLessThan(recordSize, 12);
        for (var at = 0; at + recordSize <= data.Length; at += recordSize)
        {
            var reference = BinaryPrimitives.ReadUInt64LittleEndian(data[at..]);
            var tag = BinaryPrimitives.ReadUInt32LittleEndian(data[(at + 8)..]);
            into.Add(new ReparseIndexEntry(reference, tag));
        }
    }

    /// <summary>GetFinalPathNameByHandleW's "\\?\C:\x" as "C:\x"; other forms (a volume GUID path) stay.</summary>
    public static string ToDrivePath(string finalPath)
    {
        ArgumentNullException.ThrowIfNull(finalPath);
        if (finalPath.StartsWith(@"\\?\", StringComparison.Ordinal) && finalPath.Length >= 6 && char.IsAsciiLetter(finalPath[4]) && finalPath[5] == ':')
        {
            return finalPath[4..];
        }

        return finalPath;
    }
}
