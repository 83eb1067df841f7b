using Linkctl.Platform.Windows;
using Linkctl.Reparse;
using Win32 = Linkctl.Errors.Win32ErrorNames;

namespace Linkctl.Tests.Simulation;

// What a walker asks: folder listings with each entry's attributes and tag, and file identity.
internal sealed partial class SimulatedWindows
{
    /// <summary>
    /// FindFirstFileExW(path\*) answers ERROR_ACCESS_DENIED for this folder, as it does for a folder
    /// whose DACL denies listing (the OS's compatibility junctions deny it to Everyone:
    /// docs/windows-facts.md, "Paths, volumes and identity"). Opening it for its identity still works.
    /// </summary>
    public SimulatedWindows DenyListing(string path)
    {
        Check(Resolve(path, followFinal: true, out var at), path);

        // The denial belongs to the folder: FindFirstFileExW on any name in it is refused too
        // (SimulatedDirectory.ListDenied), while opening a name in it still works.
        ((SimulatedDirectory)at.Node!).ListDenied = true;
        return this;
    }

    /// <summary>
    /// Makes the junction at <paramref name="junction"/> one of the OS's compatibility junctions
    /// (C:\Documents and Settings, a profile's Application Data...): Learn, "Junction Points"
    /// (VSS): they have FILE_ATTRIBUTE_REPARSE_POINT, HIDDEN and SYSTEM set and an ACL that denies
    /// Everyone read access, so a program may pass through them to a named path but enumerating
    /// their contents fails. Modelled as the attributes plus a listing denied at the folder they
    /// lead to (the simulation keeps ACLs per node, not per name: a test must not list that folder
    /// under its own name and expect success).
    /// </summary>
    public SimulatedWindows MakeCompatibilityJunction(string junction)
    {
        Check(Resolve(junction, followFinal: false, out var at), junction);
        var node = at.Node ?? throw new InvalidOperationException($"{junction} does not exist");
        if (node.ReparseTag != ReparseTag.MountPoint)
        {
            throw new InvalidOperationException($"{junction} is not a junction");
        }

        node.ExtraAttributes = FileAttributes.Hidden | FileAttributes.System;
        return DenyListing(junction);
    }

    /// <summary>
    /// FindFirstFileExW(path\*, FindExInfoBasic): each entry with dwFileAttributes and, for a reparse
    /// point, the tag in dwReserved0 (Learn: WIN32_FIND_DATAW; docs/windows-facts.md, "Finding links
    /// fast"). A link at <paramref name="path"/> itself is followed, as opening "path\*" does; a path
    /// that is a file answers ERROR_DIRECTORY (267), what Rust's std::fs::read_dir reports for a file
    /// on Windows (Wine 8 answers ERROR_INVALID_NAME, 123, seen with tests/WineInterop; callers treat
    /// any error as "cannot list"). Entries come in name order (NTFS keeps $I30 sorted by upcased
    /// name; other file systems give no order, which callers must not rely on).
    /// </summary>
    public int ListDirectory(string path, List<WindowsDirectoryEntry> entries)
    {
        var error = Resolve(path, followFinal: true, out var at);
        if (error != 0)
        {
            return error;
        }

        if (at.Node is null)
        {
            return Win32.PathNotFound;
        }

        if (at.Node is not SimulatedDirectory directory)
        {
            return Win32.DirectoryInvalid;
        }

        if (directory.ListDenied)
        {
            return Win32.AccessDenied;
        }

        foreach (var (name, node) in directory.Entries.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase))
        {
            entries.Add(new WindowsDirectoryEntry(name, node.Attributes, node.ReparseTag));
        }

        return Win32.Success;
    }

    /// <summary>
    /// GetFileInformationByHandleEx(FileIdInfo): the volume serial and the 128-bit id. NTFS ids are
    /// 64-bit file references, given zero-extended (what Wine 8 answers, seen with tests/WineInterop;
    /// UNVERIFIED on Windows, harmless: only equality is used);
    /// ReFS ids are 128-bit, and a file system without 128-bit ids (FAT, exFAT) answers 0 (Learn:
    /// FILE_ID_INFORMATION: "this field must be set to 0, and must be ignored").
    /// </summary>
    public int GetFileIdInfo(string path, bool followLinks, out WindowsFileId id)
    {
        id = default;
        var error = Resolve(path, followLinks, out var at);
        if (error != 0)
        {
            return error;
        }

        if (at.Node is null)
        {
            return Win32.FileNotFound;
        }

        id = new WindowsFileId(at.Volume.Facts.SerialNumber, FileIdOf(at.Volume, at.Node));
        return Win32.Success;
    }

    private static bool IsReFS(MountedVolume volume) => string.Equals(volume.Facts.FileSystemName, "ReFS", StringComparison.OrdinalIgnoreCase);

    private static bool HasNo128BitIds(MountedVolume volume) => volume.Facts.FileSystemName.Contains("FAT", StringComparison.OrdinalIgnoreCase);

    private static UInt128 FileIdOf(MountedVolume volume, SimulatedNode node) =>
        HasNo128BitIds(volume) ? UInt128.Zero
        : IsReFS(volume) ? ((UInt128)node.FileIndex << 64) | ReFSLowIndex
        : node.FileIndex;

    /// <summary>
    /// BY_HANDLE_FILE_INFORMATION's 64-bit index. On ReFS it "is not guaranteed to be unique"
    /// (Learn: BY_HANDLE_FILE_INFORMATION): the simulation takes that at its worst and gives every
    /// file of a ReFS volume the same low 64 bits (UNVERIFIED layout), so identity by this index
    /// alone would take every ReFS folder for one.
    /// </summary>
    private static ulong FileIndexOf(MountedVolume volume, SimulatedNode node) => IsReFS(volume) ? (ulong)ReFSLowIndex : node.FileIndex;

    private const ulong ReFSLowIndex = 0x0000_0000_0000_0005;
}
