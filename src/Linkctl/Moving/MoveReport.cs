using Linkctl.Copying;
using Linkctl.Errors;

namespace Linkctl.Moving;

/// <summary>What <c>linkctl move SRC DEST</c> was asked to do.</summary>
internal sealed record MoveRequest(string Source, string Destination)
{
    public bool DryRun { get; init; }

    public MoveVerification Verification { get; init; } = MoveVerification.Full;
}

/// <summary>What a move, resume or undo did.</summary>
internal enum MoveAction
{
    Move,
    Resume,
    Undo,
}

/// <summary>
/// The outcome of <c>linkctl move</c>, <c>--resume</c> or <c>--undo</c>. <see cref="Error"/> is set when it
/// stopped (before anything was touched, or at a step: then <see cref="Steps"/> says what was done, the
/// journal holds the rest, and the error's next step names <c>--resume</c> or <c>--undo</c>).
/// </summary>
internal sealed class MoveReport
{
    public required MoveAction Action { get; init; }

    public bool DryRun { get; init; }

    public string? Source { get; internal set; }

    public string? Destination { get; internal set; }

    public MovePlan? Plan { get; internal set; }

    public MoveMethod? Method { get; internal set; }

    /// <summary>The journal run of this move (for an undo, the run undone).</summary>
    public string? RunId { get; internal set; }

    public LinkctlError? Error { get; internal set; }

    /// <summary>No open move was found (resume, undo): a negative answer, not an error.</summary>
    public bool NothingToDo { get; internal set; }

    /// <summary>The move (or undo) reached its end: for a move, the folder at DEST and the link at SRC.</summary>
    public bool Done { get; internal set; }

    /// <summary>The steps carried out, in order, in words.</summary>
    public List<string> Steps { get; } = [];

    /// <summary>Things the user should know that are not errors (a DEST kept because it differs from SRC).</summary>
    public List<string> Notes { get; } = [];

    /// <summary>The copy's counts (across file systems).</summary>
    public CopyReport? Copy { get; internal set; }

    /// <summary>The check of the copy (across file systems).</summary>
    public TreeComparison? Verified { get; internal set; }

    public MoveLinkKind? Link { get; internal set; }

    public string? LinkTarget { get; internal set; }
}
