using Linkctl.Errors;

namespace Linkctl.Copying;

/// <summary>
/// Copies a file, or a folder tree with its links copied as links (never followed), to a
/// destination that does not exist: <c>new --fallback copy</c>. One implementation per OS
/// (TreeCopier.Unix.cs, TreeCopier.Windows.cs), reached through the platform bundle.
/// </summary>
internal interface ITreeCopier
{
    /// <summary>
    /// Copies <paramref name="source"/> (followed, when it is a link) to <paramref name="destination"/>.
    /// On failure the first error is returned; what was copied before it stays (it is new, and
    /// deleting trees is not something this layer does on its own), except a partly written file.
    /// </summary>
    OsResult Copy(string source, string destination, bool isDirectory);
}
