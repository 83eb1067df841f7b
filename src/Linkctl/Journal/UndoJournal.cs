using System.Text;
using System.Text.Json;
using Linkctl.Errors;
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

    /// <summary>The ROOT the run was given (full path); undo touches only paths under it. Null in records older than this field.</summary>
    public string? Root { get; init; }

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

    /// <summary>
    /// The identity of the link's folder when the change was made (<see cref="JournalIdentity"/>
    /// text: device and inode in hex). Undo acts in that folder only: a folder replaced since is refused.
    /// Null in repair records (bounded by their ROOT instead) and in records older than this field.
    /// </summary>
    public string? FolderIdentity { get; init; }

    /// <summary>
    /// The identity of the link the change made (<c>new --force</c>: the new link), so that undo
    /// removes it only while it is still that very link. Null where nothing was made.
    /// </summary>
    public string? MadeIdentity { get; init; }

    /// <summary>move: how the folder goes (<c>rename</c> or <c>copy</c>), in the run's <c>move_plan</c> record.</summary>
    public string? Method { get; init; }

    /// <summary>move: the private name beside DEST the copy is made under (copy), in <c>move_plan</c>.</summary>
    public string? Temporary { get; init; }

    /// <summary>move: the private name in SRC's folder that SRC is renamed to before the link takes its name, in <c>move_plan</c>.</summary>
    public string? Aside { get; init; }

    /// <summary>move: SRC's own identity when the move was planned (every step checks it).</summary>
    public string? SourceIdentity { get; init; }

    /// <summary>move: the identity of DEST's folder when the move was planned.</summary>
    public string? DestinationFolderIdentity { get; init; }

    /// <summary>move: <c>full</c> or <c>size</c>, the check of the copy.</summary>
    public string? Verification { get; init; }
}

/// <summary>A <see cref="Platform.FileIdentity"/> as journal text ("volume:file", hex), and back.</summary>
internal static class JournalIdentity
{
    public static string Format(Platform.FileIdentity identity) =>
        identity.Volume.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + ":" + identity.File.ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The identity <paramref name="text"/> names, or null when it is not one (a bad record).</summary>
    public static Platform.FileIdentity? Parse(string? text)
    {
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || colon <= 0
            || !ulong.TryParse(text.AsSpan(0, colon), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var volume)
            || !UInt128.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var file))
        {
            return null;
        }

        return new Platform.FileIdentity(volume, file);
    }
}

/// <summary>A journal line that could not be used, or a repair made to the file: reported, never fatal.</summary>
/// <param name="Line">1-based line number in the journal (0 when about the file as a whole).</param>
/// <param name="What">What was wrong and what was done about it.</param>
public sealed record JournalProblem(long Line, string What);

/// <summary>
/// An append-only JSON Lines file of changes, for undo: $XDG_STATE_HOME/linkctl/journal.jsonl
/// (default ~/.local/state) on Unix, %LOCALAPPDATA%\linkctl\journal.jsonl on Windows, or the
/// file named by LINKCTL_JOURNAL (docs/journal.md).
///
/// Guarantees: every record is one write(2) to a file opened with O_APPEND while holding an
/// exclusive lock on it (flock on Unix, LockFileEx on Windows), so concurrent runs never lose or
/// interleave records; a torn last record (a write cut short by a full disk or a crash) is
/// closed off with a newline before the next record and reported; records are read one by one and
/// a bad one is reported and skipped; a batch is made durable with one fsync. A journal (or its
/// folder) that another user owns or that group/others may write is refused, as ssh refuses keys.
/// </summary>
public sealed partial class UndoJournal(string path)
{
    public const string PathVariable = "LINKCTL_JOURNAL";

    /// <summary>The action that marks a run as undone: its <see cref="JournalEntry.Before"/> is the run id.</summary>
    public const string UndoRunAction = "undo_run";

    /// <summary>
    /// The action that marks one change of a run as reversed by an undo that did not finish the
    /// whole run: <see cref="JournalEntry.Before"/> is the run id, <see cref="JournalEntry.Path"/>
    /// (and PathBase64) the changed path. The next undo skips it.
    /// </summary>
    public const string UndoStepAction = "undo_step";

    /// <summary>The action that marks a change recorded as planned but not made (it failed): undo leaves it alone.</summary>
    public const string NotMadeAction = "not_made";

    private readonly List<JournalProblem> problems = [];

    public string FilePath { get; } = path;

    /// <summary>What was found wrong in the file (bad records skipped, a torn tail closed off) since this instance was made.</summary>
    public IReadOnlyList<JournalProblem> Problems
    {
        get
        {
            lock (problems)
            {
                return problems.ToList();
            }
        }
    }

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

    /// <summary>Appends one record and makes it durable (fsync) before returning. Throws <see cref="LinkctlException"/>.</summary>
    internal void Append(JournalEntry entry) => AppendBatch([entry], sync: true);

    /// <summary>
    /// Appends <paramref name="entries"/> in order, each as one write, under one exclusive lock; with
    /// <paramref name="sync"/> one fsync makes them all durable before this returns. A change may be
    /// made once the batch that records it has returned. Throws <see cref="LinkctlException"/>
    /// (never anything else) when the journal cannot be used or written.
    /// </summary>
    internal void AppendBatch(IReadOnlyList<JournalEntry> entries, bool sync)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var lines = new byte[entries.Count][];
        for (var i = 0; i < entries.Count; i++)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(entries[i], JournalJsonContext.Default.JournalEntry);
            var line = new byte[json.Length + 1];
            json.CopyTo(line, 0);
            line[^1] = (byte)'\n';
            lines[i] = line;
        }

        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(FilePath))!;
        try
        {
            if (!Directory.Exists(folder))
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(folder);
                }
                else
                {
                    // Only the owner may write the journal's folder (the trust check refuses anything else).
                    Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LinkctlException(WriteError(OsError.FromHostException(e), "create the journal's folder " + folder));
        }

        if (TryAppendUnix(folder, lines, sync, out var tornTail))
        {
        }
        else
        {
            tornTail = AppendPortable(lines, sync);
        }

        if (tornTail)
        {
            Report(0, "the journal ended in a torn record (a write cut short by a full disk or a crash); the next record was started on a new line, and the torn one is skipped when reading");
        }
    }

    /// <summary>Checks now that the journal can be used (trusted, its folder writable), without writing; throws <see cref="LinkctlException"/>.</summary>
    public void CheckUsable()
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(FilePath))!;
        if (Directory.Exists(folder))
        {
            CheckTrustedUnix(folder);
        }
    }

    /// <summary>
    /// Every usable entry, oldest first. A line that is not a record (torn, not JSON, null path,
    /// bad base64) is skipped and added to <see cref="Problems"/>. Throws <see cref="LinkctlException"/>
    /// when the journal is not to be trusted or cannot be read.
    /// </summary>
    public IReadOnlyList<JournalEntry> ReadAll()
    {
        using var stream = OpenForReading();
        if (stream is null)
        {
            return [];
        }

        var entries = new List<JournalEntry>();
        using var reader = new StreamReader(stream, new UTF8Encoding(false, false));
        long number = 0;
        while (true)
        {
            string? line;
            try
            {
                line = reader.ReadLine();
            }
            catch (IOException e)
            {
                throw new LinkctlException(ReadError(OsError.FromHostException(e)));
            }

            if (line is null)
            {
                break;
            }

            number++;
            if (line.Length == 0)
            {
                continue;
            }

            JournalEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize(line, JournalJsonContext.Default.JournalEntry);
            }
            catch (JsonException e)
            {
                Report(number, $"not a journal record ({e.Message.Split('.')[0]}); skipped");
                continue;
            }

            if (Invalid(entry) is { } why)
            {
                Report(number, why + "; skipped");
                continue;
            }

            entries.Add(entry!);
        }

        return entries;
    }

    /// <summary>The changes of the latest run of <paramref name="command"/> that has not been undone, oldest first; empty when none.</summary>
    public IReadOnlyList<JournalEntry> LastRun(string command) => OpenRun(command, runId: null);

    /// <summary>
    /// The changes still to undo of the run <paramref name="runId"/> of <paramref name="command"/>
    /// (or, when null, of the latest such run not undone), oldest first: without the changes marked
    /// not made or reversed one by one. Empty when the run is unknown or undone already.
    /// </summary>
    public IReadOnlyList<JournalEntry> OpenRun(string command, string? runId)
    {
        var all = ReadAll();
        var undone = all.Where(e => e.Action == UndoRunAction).Select(e => e.Before).ToHashSet(StringComparer.Ordinal);
        var stepped = all.Where(e => e.Action is UndoStepAction or NotMadeAction).Select(e => (e.Action == UndoStepAction ? e.Before : e.RunId, e.Path, e.PathBase64)).ToHashSet();
        bool Change(JournalEntry e) => e.Action is not (UndoRunAction or UndoStepAction or NotMadeAction);
        bool Open(JournalEntry e) => e.Command == command && Change(e) && !undone.Contains(e.RunId) && !stepped.Contains((e.RunId, e.Path, e.PathBase64));
        var last = runId is null ? all.LastOrDefault(Open) : all.FirstOrDefault(e => e.RunId == runId && Open(e));
        return last is null ? [] : all.Where(e => e.RunId == last.RunId && Open(e)).ToList();
    }

    /// <summary>Whether the journal holds any record of run <paramref name="runId"/> (to tell "unknown run" from "undone already").</summary>
    public bool Knows(string runId) => ReadAll().Any(e => e.RunId == runId || (e.Action == UndoRunAction && e.Before == runId));

    /// <summary>Records that the changes <paramref name="reversed"/> of run <paramref name="runId"/> were reversed by an undo that did not finish the run.</summary>
    internal void MarkSteps(string command, string runId, IEnumerable<JournalEntry> reversed) => AppendBatch(reversed.Select(e => new JournalEntry
    {
        RunId = NewRunId(),
        Time = DateTimeOffset.UtcNow,
        Command = command,
        Action = UndoStepAction,
        Path = e.Path,
        PathBase64 = e.PathBase64,
        Before = runId,
    }).ToList(), sync: true);

    public void MarkUndone(string command, string runId) => Append(new JournalEntry
    {
        RunId = NewRunId(),
        Time = DateTimeOffset.UtcNow,
        Command = command,
        Action = UndoRunAction,
        Path = string.Empty,
        Before = runId,
    });

    private static string? Invalid(JournalEntry? e)
    {
        if (e is null)
        {
            return "the record is null";
        }

        // Required properties may still arrive as JSON null; a record without them cannot be undone.
        foreach (var (name, value) in new[] { ("run_id", e.RunId), ("command", e.Command), ("action", e.Action), ("path", e.Path) })
        {
            if (value is null)
            {
                return $"the record's {name} is null";
            }
        }

        foreach (var (name, value) in new[] { ("path_base64", e.PathBase64), ("before_base64", e.BeforeBase64), ("after_base64", e.AfterBase64) })
        {
            if (value is not null && !IsBase64(value))
            {
                return $"the record's {name} is not valid base64";
            }
        }

        return null;
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    private void Report(long line, string what)
    {
        lock (problems)
        {
            problems.Add(new JournalProblem(line, what));
        }
    }

    private LinkctlError WriteError(OsError error, string doing)
    {
        var (kind, why, next) = error.Name switch
        {
            "ENOSPC" or "EDQUOT" or "ERROR_DISK_FULL" or "ERROR_HANDLE_DISK_FULL" => (FailureKind.Other, "no space left on the journal's disk (or the quota is used up)", "free space on that disk, or point LINKCTL_JOURNAL at a file on another disk; then run the command again"),
            "EROFS" or "ERROR_WRITE_PROTECT" => (FailureKind.ReadOnly, "the journal's file system is read-only", "point LINKCTL_JOURNAL at a file on a writable file system, then run the command again"),
            "EACCES" or "EPERM" or "ERROR_ACCESS_DENIED" => (FailureKind.AccessDenied, "you may not write the journal or its folder", "check the rights on the journal and its folder, or point LINKCTL_JOURNAL at a file you own"),
            "ENOENT" or "ENOTDIR" or "ERROR_PATH_NOT_FOUND" => (FailureKind.NotFound, "the journal's folder does not exist and could not be made", "point LINKCTL_JOURNAL at a file in a folder that exists"),
            _ => (FailureKind.Other, "the OS refused the journal write", "fix the cause the OS names, or point LINKCTL_JOURNAL at another file; then run the command again"),
        };
        return new LinkctlError(kind, FilePath, $"could not {doing} (undo journal {FilePath}); nothing more was changed", why + ", and no change is made that could not be undone", next, error);
    }

    private LinkctlError ReadError(OsError error) => new(
        FailureKind.Other, FilePath, $"could not read the undo journal {FilePath}", "the OS refused the read, so what to undo is not known", "fix the cause the OS names, then run the undo again; nothing was changed", error);

    /// <summary>Appends through FileStream where the libc calls are not used (Windows, Unix layouts not known): LockFileEx, then seek to the end.</summary>
    private bool AppendPortable(byte[][] lines, bool sync)
    {
        try
        {
            using var stream = new FileStream(FilePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            // FileStream.Lock is LockFileEx without LOCKFILE_FAIL_IMMEDIATELY cleared: it fails at once
            // when another process holds the range, so wait and retry. One byte far beyond any real end
            // of file is the lock everyone takes (locking past EOF is allowed:
            // https://learn.microsoft.com/windows/win32/api/fileapi/nf-fileapi-lockfileex).
            const long LockOffset = long.MaxValue - 1;
            var waited = 0;
            // macOS has no FileStream.Lock; there the portable path is unlocked (docs/journal.md, limits).
            while (!OperatingSystem.IsMacOS())
            {
                try
                {
                    stream.Lock(LockOffset, 1);
                    break;
                }
                catch (IOException) when (waited < 120_000)
                {
                    Thread.Sleep(5);
                    waited += 5;
                }
            }

            try
            {
                var torn = false;
                if (stream.Length > 0)
                {
                    stream.Seek(-1, SeekOrigin.End);
                    torn = stream.ReadByte() != '\n';
                }

                stream.Seek(0, SeekOrigin.End);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (i == 0 && torn)
                    {
                        stream.WriteByte((byte)'\n');
                    }

                    stream.Write(lines[i]);
                }

                stream.Flush(flushToDisk: sync);
                return torn;
            }
            finally
            {
                if (!OperatingSystem.IsMacOS())
                {
                    stream.Unlock(LockOffset, 1);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            throw new LinkctlException(WriteError(OsError.FromHostException(e), "write the undo journal"));
        }
    }

    private Stream? OpenForReading()
    {
        if (OpenForReadingUnix(out var stream))
        {
            return stream;
        }

        try
        {
            return File.Exists(FilePath) ? new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LinkctlException(ReadError(OsError.FromHostException(e)));
        }
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JournalEntry))]
internal sealed partial class JournalJsonContext : JsonSerializerContext
{
}
