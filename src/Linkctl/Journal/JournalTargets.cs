using Linkctl.Errors;
using Linkctl.Paths;

namespace Linkctl.Journal;

/// <summary>
/// Every target (before and after) an undo journal records for links in one folder, by folder:
/// the proof <see cref="Removal.StaleTemporaries.Decide"/> asks for before it removes a temporary
/// link a killed run left. Read once, the first time a folder with a stale name asks.
/// </summary>
internal sealed class JournalTargets(UndoJournal? journal, PathSyntax paths, params string[] commands)
{
    private Dictionary<string, HashSet<string>>? byFolder;

    /// <summary>The recorded targets of links in <paramref name="folder"/> (a full path, with or without a trailing separator).</summary>
    public IReadOnlySet<string> In(string folder)
    {
        byFolder ??= Read();
        var separator = paths.Flavour == OsFlavour.Windows ? '\\' : '/';
        return byFolder.TryGetValue(folder.TrimEnd(separator), out var found) || byFolder.TryGetValue(folder, out found)
            ? found
            : new HashSet<string>();
    }

    private Dictionary<string, HashSet<string>> Read()
    {
        var found = new Dictionary<string, HashSet<string>>(paths.Flavour == OsFlavour.Windows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        IReadOnlyList<JournalEntry> entries;
        try
        {
            entries = journal?.ReadAll() ?? [];
        }
        catch (LinkctlException)
        {
            // A journal that cannot be trusted proves nothing: no stale name is judged ours by it.
            entries = [];
        }

        foreach (var e in entries.Where(e => commands.Contains(e.Command, StringComparer.Ordinal)))
        {
            if (paths.GetDirectoryName(e.Path) is not { } parent)
            {
                continue;
            }

            if (!found.TryGetValue(parent, out var set))
            {
                found[parent] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            foreach (var t in new[] { e.Before, e.After })
            {
                if (t is not null)
                {
                    set.Add(t);
                }
            }
        }

        return found;
    }
}
