using Linkctl.Errors;
using Linkctl.Scanning;

namespace Linkctl.Cli;

/// <summary>
/// linkctl's exit codes, the same for every verb (documented in README.md and docs/exit-codes.md).
/// Scripts rely on these numbers: never renumber, only add.
/// </summary>
public static class ExitCodes
{
    /// <summary>Done as asked (made, shown, removed; doctor: a symbolic link can be made here).</summary>
    public const int Ok = 0;

    /// <summary>A negative answer, not an error: a broken link shown, audit findings, doctor: cannot make a symbolic link here.</summary>
    public const int Finding = 1;

    /// <summary>Bad command line or unusable input: missing or unknown arguments, a reserved or invalid name.</summary>
    public const int Usage = 2;

    /// <summary>Made, but as the declared fallback (a junction, hard link or copy instead of a symbolic link).</summary>
    public const int Fallback = 3;

    /// <summary>Refused because of what is on disk: exists already, target missing, arguments swapped, not a link.</summary>
    public const int Refused = 4;

    /// <summary>Not allowed: privilege not held, access denied, read-only file system.</summary>
    public const int Denied = 5;

    /// <summary>Not possible here: the file system or OS cannot do it (no link support, cross-volume hard link, not Windows).</summary>
    public const int Unsupported = 6;

    /// <summary>The OS reported success, but reading the result back did not confirm it. Nothing was left behind.</summary>
    public const int ReadBackFailed = 7;

    /// <summary>Any other OS error, and any failure linkctl did not expect (its top-level handler reports it).</summary>
    public const int OsError = 8;

    /// <summary>
    /// <c>repair --undo</c>, <c>fix --undo</c>, <c>rights undo</c> found no run to undo: a negative
    /// answer, not an error (the same code for the three).
    /// </summary>
    public const int NothingToUndo = Finding;

    public static int For(FailureKind kind) => kind switch
    {
        FailureKind.InvalidInput => Usage,
        FailureKind.Conflict or FailureKind.NotFound or FailureKind.CannotFollow => Refused,
        FailureKind.PrivilegeNotHeld or FailureKind.AccessDenied or FailureKind.ReadOnly => Denied,
        FailureKind.NotSupported or FailureKind.CrossDevice or FailureKind.TooManyLinks or FailureKind.NameTooLong => Unsupported,
        FailureKind.ReadBackFailed => ReadBackFailed,
        _ => OsError,
    };

    /// <summary>
    /// The exit code of a command that did several things (rm with several operands): 0 only
    /// when every one was done, otherwise the highest code met. The failure codes grow with how
    /// far the cause is from the user's own input: 2 the command line, 4 what is on disk, 5 a
    /// permission, 6 what the file system can do, 7 the OS contradicting itself, 8 an OS error
    /// linkctl has no better name for; so the highest is the one most worth looking at first.
    /// </summary>
    public static int Worst(IEnumerable<int> codes) => codes.DefaultIfEmpty(Ok).Max();

    /// <summary>
    /// The exit code of a walk that met problems (list, repair), from their failure kinds: denied
    /// when every problem was a refusal of access, refused when every one was a missing path,
    /// otherwise an OS error.
    /// </summary>
    public static int ForScanProblems(IReadOnlyCollection<ScanProblem> problems) =>
        problems.Count == 0 ? Ok : For(KindOf(problems));

    /// <summary>The one failure kind that stands for a walk's problems: theirs when they all agree, else Other.</summary>
    public static FailureKind KindOf(IReadOnlyCollection<ScanProblem> problems) =>
        problems.Count > 0 && problems.All(p => p.Kind == FailureKind.AccessDenied) ? FailureKind.AccessDenied
        : problems.Count > 0 && problems.All(p => p.Kind == FailureKind.NotFound) ? FailureKind.NotFound
        : FailureKind.Other;
}
