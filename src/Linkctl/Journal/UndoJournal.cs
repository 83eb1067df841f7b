using System.Text.Json;
using System.Text.Json.Serialization;

namespace Linkctl.Journal;

/// <summary>
/// One change recorded for undo. <see cref="Action"/> is a string ("retarget", "remove_link",
/// "undo_run"...) so that every verb (repair, fix, rights) can record its own kinds in one journal.
/// Paths and targets are text; when they are not valid UTF-8 the *_base64 field holds the exact bytes.
/// </summary>
public sealed record JournalEntry
{
    /// <summary>Identifies the run (one command invocation); undo works on whole runs.</summary>
    public required string RunId { get; init; }

    public required DateTimeOffset Time { get; init; }

    /// <summary>The verb that made the change ("repair").</summary>
    public required string Command { get; init; }

    public required string Action { get; init; }

    public required string Path { get; init; }

    public string? PathBase64 { get; init; }

    /// <summary>The state before the change (a link's old target); null when there was nothing.</summary>
    public string? Before { get; init; }

    public string? BeforeBase64 { get; init; }

    /// <summary>The state after the change; null when the entry was removed.</summary>
    public string? After { get; init; }

    public string? AfterBase64 { get; init; }

    /// <summary>
    /// What kind of link was changed, where undo needs it to make the link again: on Windows a
    /// removed link is remade as a "file_symlink", "directory_symlink" or "junction". Null on Unix,
    /// where a symbolic link has no such flag.
    /// </summary>
    public string? LinkType { get; init; }
}

/// <summary>
/// An append-only JSON Lines file of changes, for undo: $XDG_STATE_HOME/linkctl/journal.jsonl
/// (default ~/.local/state) on Unix, %LOCALAPPDATA%\linkctl\journal.jsonl on Windows, or the
/// file named by LINKCTL_JOURNAL. Each entry is written and flushed before the next change is
/// made, so a crash loses at most the record of the change in flight.
/// </summary>
public sealed class UndoJournal(string path)
{
    public const string PathVariable = "LINKCTL_JOURNAL";

    /// <summary>The action that marks a run as undone: its <see cref="JournalEntry.Before"/> is the run id.</summary>
    public const string UndoRunAction = "undo_run";

    public string FilePath { get; } = path;

    public static UndoJournal ForCurrentUser() => new(DefaultPath());

    public static string DefaultPath()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } explicitPath)
        {
            return explicitPath;
        }

        if (OperatingSystem.IsWindows())
        {
            return System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "linkctl", "journal.jsonl");
        }

        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (string.IsNullOrEmpty(state))
        {
            state = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        }

        return System.IO.Path.Combine(state, "linkctl", "journal.jsonl");
    }

    public static string NewRunId() => $"{DateTimeOffset.UtcNow:yyyyMMddTHHmmssZ}-{Guid.NewGuid():N}"[..30];

    public void Append(JournalEntry entry)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(FilePath)!);
        var line = JsonSerializer.SerializeToUtf8Bytes(entry, JournalJsonContext.Default.JournalEntry);
        using var stream = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        stream.Write(line);
        stream.WriteByte((byte)'\n');
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Every entry, oldest first; lines that do not parse (a torn last write) are skipped.</summary>
    public IReadOnlyList<JournalEntry> ReadAll()
    {
        if (!File.Exists(FilePath))
        {
            return [];
        }

        var entries = new List<JournalEntry>();
        foreach (var line in File.ReadLines(FilePath))
        {
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize(line, JournalJsonContext.Default.JournalEntry) is { } e)
                {
                    entries.Add(e);
                }
            }
            catch (JsonException)
            {
            }
        }

        return entries;
    }

    /// <summary>The changes of the latest run of <paramref name="command"/> that has not been undone, oldest first; empty when none.</summary>
    public IReadOnlyList<JournalEntry> LastRun(string command)
    {
        var all = ReadAll();
        var undone = all.Where(e => e.Action == UndoRunAction).Select(e => e.Before).ToHashSet();
        var last = all.LastOrDefault(e => e.Command == command && e.Action != UndoRunAction && !undone.Contains(e.RunId));
        return last is null ? [] : all.Where(e => e.RunId == last.RunId && e.Action != UndoRunAction).ToList();
    }

    public void MarkUndone(string command, string runId) => Append(new JournalEntry
    {
        RunId = NewRunId(),
        Time = DateTimeOffset.UtcNow,
        Command = command,
        Action = UndoRunAction,
        Path = string.Empty,
        Before = runId,
    });
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JournalEntry))]
internal sealed partial class JournalJsonContext : JsonSerializerContext
{
}
