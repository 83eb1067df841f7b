namespace Linkctl.Diagnosis;

internal sealed partial class DoctorGatherer
{
    private DoctorFacts AddUnix(DoctorFacts facts)
    {
        var folderEntry = system.GetTargetEntry(facts.Folder);
        var (writable, detail) = facts.FolderExists ? Unix.CanWrite(facts.Folder) : (null, "the folder does not exist");
        var wsl = Unix.IsWsl();
        var drives = wsl ? Unix.WindowsDriveMounts() : [];
        var onDrive = drives.Any(d => system.Paths.IsSameOrBelow(facts.Folder, d))
            || facts.Volume.FileSystem == "drvfs"
            || (facts.Volume.FileSystem == "9p" && facts.Volume.Detail?.Contains("drvfs", StringComparison.Ordinal) == true);
        var unix = new UnixFacts(
            Environment.IsPrivilegedProcess,
            Unix.ReadInt(Unix.ProtectedSymlinksFile),
            Unix.ReadInt(Unix.ProtectedHardlinksFile),
            UnixSources.IsStickyWorldWritable(folderEntry.Mode),
            wsl,
            drives,
            onDrive);

        // access(2) does not look at the mount's read-only flag for a bind mount in every kernel; the volume's own flag settles it.
        if (facts.Volume.ReadOnly && writable == true)
        {
            (writable, detail) = (false, "the mount is read-only");
        }

        return facts with { Unix = unix, Writable = writable, WritableDetail = detail };
    }
}
