using System.Text.Json.Serialization;
using Linkctl.Creation;
using Linkctl.Platform;

namespace Linkctl.Diagnosis;

[JsonConverter(typeof(JsonStringEnumConverter<HostKind>))]
public enum HostKind
{
    [JsonStringEnumMemberName("windows")] Windows,
    [JsonStringEnumMemberName("linux")] Linux,
    [JsonStringEnumMemberName("macos")] MacOS,
    [JsonStringEnumMemberName("other")] Other,
}

/// <summary>
/// Everything <see cref="Diagnoser"/> decides from, gathered beforehand by the platform's
/// gatherer (or built by a test): the diagnosis itself touches nothing. Field names are the
/// JSON names of <c>linkctl doctor --json</c> (snake_case), documented in docs/doctor.md.
/// </summary>
public sealed record DoctorFacts
{
    /// <summary>The full path examined: the folder where links would be made, or with a target, the link itself.</summary>
    public required string Path { get; init; }

    public required HostKind Host { get; init; }

    /// <summary>The folder in which a link would be made (PATH itself, or PATH's folder when PATH names the link).</summary>
    public required string Folder { get; init; }

    public required bool FolderExists { get; init; }

    /// <summary>Whether this process may create entries in <see cref="Folder"/>; null when it could not be told.</summary>
    public bool? Writable { get; init; }

    /// <summary>Why <see cref="Writable"/> is what it is (the OS error, or how it was tested).</summary>
    public string? WritableDetail { get; init; }

    public required VolumeFacts Volume { get; init; }

    /// <summary>When a target was given (--target): the link to be made and what the planner says about it.</summary>
    public IntendedLinkFacts? Intended { get; init; }

    public WindowsFacts? Windows { get; init; }

    public UnixFacts? Unix { get; init; }

    /// <summary>With --probe: what really happened when each kind was made here. Null without --probe.</summary>
    public IReadOnlyList<ProbeResult>? Probe { get; init; }

    /// <summary>When the folder is inside a git work tree: core.symlinks and its symlink stubs. Null elsewhere (or without git).</summary>
    public GitFacts? Git { get; init; }
}

/// <summary>What doctor found about the git work tree the folder is in (docs/doctor.md).</summary>
public sealed record GitFacts
{
    /// <summary>core.symlinks of the repository (git config --local), or null when not set.</summary>
    public string? CoreSymlinksRepository { get; init; }

    /// <summary>core.symlinks of the user (git config --global), or null when not set.</summary>
    public string? CoreSymlinksGlobal { get; init; }

    /// <summary>Symbolic links the index records below the folder.</summary>
    public int IndexLinks { get; init; }

    /// <summary>Of those, working files that are stubs (a file holding exactly the link text): what `repair --git-stubs` replaces.</summary>
    public int Stubs { get; init; }

    /// <summary>Of those, stubs someone edited (a file that no longer holds exactly the link text).</summary>
    public int EditedStubs { get; init; }

    /// <summary>Of those, real links already.</summary>
    public int Links { get; init; }

    /// <summary>Why the index or the work tree could not be read, or null.</summary>
    public string? Problem { get; init; }
}

/// <summary>The link the user means to make: PATH as LINK and --target as TARGET.</summary>
public sealed record IntendedLinkFacts
{
    public required string Link { get; init; }

    public required string Target { get; init; }

    public required bool TargetExists { get; init; }

    public required bool TargetIsDirectory { get; init; }

    public required VolumeFacts TargetVolume { get; init; }

    /// <summary>Whether LINK and TARGET are on one volume (a hard link needs it); null when unknown.</summary>
    public bool? SameVolume { get; init; }

    /// <summary>TARGET's drive letter exists only in this logon session (mapped or subst), or null.</summary>
    public SessionDrive? TargetSessionDrive { get; init; }

    /// <summary>What the creation planner would refuse (already exists, swapped arguments...), or null.</summary>
    public Errors.LinkctlError? Refusal { get; init; }

    /// <summary>The raw facts, for the planner; not part of the JSON.</summary>
    [JsonIgnore]
    public CreationFacts? Creation { get; init; }
}

/// <summary>What one --probe attempt did.</summary>
/// <param name="Kind">The kind tried.</param>
/// <param name="Created">True when the link was made and read back as asked.</param>
/// <param name="Removed">True when the test link (and its test target) were removed again.</param>
/// <param name="Error">Why it was not made, as linkctl new would say it.</param>
public sealed record ProbeResult(LinkKindToMake Kind, bool Created, bool Removed, Errors.LinkctlError? Error);
