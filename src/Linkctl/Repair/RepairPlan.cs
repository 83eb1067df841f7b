using Linkctl.Errors;
using Linkctl.Scanning;

namespace Linkctl.Repair;

/// <summary>What <c>repair</c> may do to one link.</summary>
public enum RepairActionKind
{
    /// <summary>Store the same target as a path relative to the link's folder.</summary>
    MakeRelative,
    /// <summary>Store a target under the new folder instead of the old one.</summary>
    Retarget,
    /// <summary>Remove a link whose target is missing or that loops (never its target: there is none).</summary>
    RemoveBroken,
    /// <summary>Windows: make a file link to a folder (or a folder link to a file) again as the other type, same target.</summary>
    FixType,
    /// <summary>Windows: replace a WSL symbolic link (which Windows programs cannot follow) with an NT symbolic link (or a junction) to the same place.</summary>
    ToNative,
}

/// <summary>One planned change: the link, what it stores now and what it will store (null: removed).</summary>
public sealed record RepairAction(RepairActionKind Kind, byte[] Path, byte[] Before, byte[]? After)
{
    /// <summary>The journal's name for the action.</summary>
    public string ActionName => Kind switch
    {
        RepairActionKind.MakeRelative => "make_relative",
        RepairActionKind.Retarget => "retarget",
        RepairActionKind.FixType => "fix_type",
        RepairActionKind.ToNative => "to_native",
        _ => "remove_link",
    };
}

/// <summary>A link the user asked to change that repair leaves as it is, and why (e.g. a junction and --relative).</summary>
public sealed record RepairSkip(byte[] Path, string Why);

/// <summary>What happened to one planned change.</summary>
public sealed record RepairOutcome(RepairAction Action, bool Applied, OsError? Error = null, string? Problem = null)
{
    /// <summary>What was made, when it says more than the action (to_native: "a junction, because ...").</summary>
    public string? Note { get; init; }
}

/// <summary>Which repairs to plan.</summary>
public sealed record RepairRequest
{
    /// <summary>The folder being repaired, full path.</summary>
    public required string Root { get; init; }

    public bool MakeRelative { get; init; }

    /// <summary>The folder that moved (full path), or null.</summary>
    public string? RetargetFrom { get; init; }

    /// <summary>Where it moved to (full path).</summary>
    public string? RetargetTo { get; init; }

    public bool PruneBroken { get; init; }

    /// <summary>Windows: make symbolic links of the wrong type (file link to a folder, folder link to a file) again with the right one.</summary>
    public bool FixType { get; init; }

    /// <summary>Windows: replace WSL symbolic links with NT symbolic links (or junctions where no symbolic link may be made) to the same place.</summary>
    public bool ToNative { get; init; }

    /// <summary>--retarget may point links at targets that do not exist (yet); otherwise such links are left alone.</summary>
    public bool AllowMissing { get; init; }
}
