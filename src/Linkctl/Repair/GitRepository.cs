using System.Diagnostics;
using System.Text;
using Linkctl.Errors;

namespace Linkctl.Repair;

/// <summary>The index's symbolic links below a folder, each with its link text (the blob's bytes), and their <c>symlink</c> gitattributes.</summary>
public sealed record GitLinks(IReadOnlyList<(GitIndexLink Link, byte[] Text)> Links, IReadOnlyList<byte[]> Conflicted, IReadOnlyList<string> MissingBlobs)
{
    private readonly IReadOnlyList<GitSymlinkAttribute> symlinkAttributes = [];
    private readonly Dictionary<string, string> byPath = new(StringComparer.Ordinal);

    /// <summary>Each link's <c>symlink</c> gitattribute (git check-attr), or empty when not read.</summary>
    public IReadOnlyList<GitSymlinkAttribute> SymlinkAttributes
    {
        get => symlinkAttributes;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            symlinkAttributes = value;
            byPath = value.GroupBy(a => Convert.ToBase64String(a.Path)).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        }
    }

    /// <summary>The <c>symlink</c> gitattribute git printed for <paramref name="path"/>, or null when none was read for it.</summary>
    public string? SymlinkAttributeOf(byte[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return byPath.TryGetValue(Convert.ToBase64String(path), out var value) ? value : null;
    }
}

/// <summary>core.symlinks as git reads it: the repository's own setting and the user's global one (null: not set).</summary>
public sealed record GitSymlinkSettings(string? Repository, string? Global);

/// <summary>
/// A git work tree, read and configured through the <c>git</c> program (the effects side of git-stub
/// repair; parsing is <see cref="GitIndex"/>). Every git call runs with <c>-C</c> the folder given,
/// its output read as bytes; git's own environment (HOME, GIT_CONFIG_*) is inherited unchanged.
/// </summary>
public sealed class GitRepository
{
    private readonly string program;

    private GitRepository(string folder, string program)
    {
        Folder = folder;
        this.program = program;
    }

    /// <summary>The folder git was opened at (inside a work tree); index paths are relative to it.</summary>
    public string Folder { get; }

    /// <summary>
    /// The work tree containing <paramref name="folder"/>, or why not (not a work tree; git not
    /// installed). <paramref name="program"/> is the git to run (default: "git" from PATH).
    /// </summary>
    public static StepResult<GitRepository> Open(string folder, string program = "git")
    {
        var repository = new GitRepository(folder, program);
        var inside = repository.Run(["rev-parse", "--is-inside-work-tree"]);
        if (!inside.TryGetValue(out var answer))
        {
            return StepResult<GitRepository>.Failed(inside.Problem!);
        }

        return Encoding.ASCII.GetString(answer).Trim() == "true"
            ? StepResult<GitRepository>.Of(repository)
            : StepResult<GitRepository>.Failed($"{folder} is not inside a git work tree (git rev-parse --is-inside-work-tree says false: a bare repository or a .git folder)");
    }

    /// <summary>The index's symbolic links below <see cref="Folder"/> with their link texts: one ls-files, one cat-file --batch.</summary>
    public StepResult<GitLinks> ReadLinks()
    {
        var listed = Run(["ls-files", "-s", "-z", "--", "."]);
        if (!listed.TryGetValue(out var index))
        {
            return StepResult<GitLinks>.Failed(listed.Problem!);
        }

        List<GitIndexLink> links;
        List<byte[]> conflicted;
        try
        {
            links = GitIndex.SymbolicLinks(index, out conflicted);
        }
        catch (FormatException e)
        {
            return StepResult<GitLinks>.Failed(e.Message);
        }

        if (links.Count == 0)
        {
            return StepResult<GitLinks>.Of(new GitLinks([], conflicted, []));
        }

        var ids = links.Select(l => l.BlobId).Distinct(StringComparer.Ordinal).ToList();
        var batch = Run(["cat-file", "--batch"], Encoding.ASCII.GetBytes(string.Join('\n', ids) + "\n"));
        if (!batch.TryGetValue(out var objects))
        {
            return StepResult<GitLinks>.Failed(batch.Problem!);
        }

        List<(GitIndexLink, byte[])> texts;
        List<string> missing;
        try
        {
            var blobs = GitIndex.Blobs(objects, out missing);
            texts = links.Where(l => blobs.ContainsKey(l.BlobId)).Select(l => (l, blobs[l.BlobId])).ToList();
        }
        catch (FormatException e)
        {
            return StepResult<GitLinks>.Failed(e.Message);
        }

        var attributes = ReadSymlinkAttributes(links.Select(l => l.Path));
        return attributes.TryGetValue(out var read)
            ? StepResult<GitLinks>.Of(new GitLinks(texts, conflicted, missing) { SymlinkAttributes = read })
            : StepResult<GitLinks>.Failed(attributes.Problem!);
    }

    /// <summary>
    /// The <c>symlink</c> gitattribute of each path, with one <c>git check-attr -z --stdin symlink</c>
    /// for all of them (git for Windows chooses a link's type by it: compat/mingw.c, check_symlink_attr).
    /// </summary>
    public StepResult<List<GitSymlinkAttribute>> ReadSymlinkAttributes(IEnumerable<byte[]> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        using var input = new MemoryStream();
        foreach (var path in paths)
        {
            input.Write(path);
            input.WriteByte(0);
        }

        if (input.Length == 0)
        {
            return StepResult<List<GitSymlinkAttribute>>.Of([]);
        }

        var checkedAttributes = Run(["check-attr", "-z", "--stdin", GitIndex.SymlinkAttribute], input.ToArray());
        if (!checkedAttributes.TryGetValue(out var output))
        {
            return StepResult<List<GitSymlinkAttribute>>.Failed(checkedAttributes.Problem!);
        }

        try
        {
            return StepResult<List<GitSymlinkAttribute>>.Of(GitIndex.SymlinkAttributes(output));
        }
        catch (FormatException e)
        {
            return StepResult<List<GitSymlinkAttribute>>.Failed(e.Message);
        }
    }

    /// <summary>core.symlinks of this repository (--local) and of the user (--global).</summary>
    public GitSymlinkSettings SymlinkSettings() => new(Config("--local"), Config("--global"));

    /// <summary>Sets core.symlinks=true in this repository's own config (git config --local).</summary>
    public StepResult SetCoreSymlinks()
    {
        var set = Run(["config", "--local", "core.symlinks", "true"]);
        return set.Succeeded ? StepResult.Success : StepResult.Failed(set.Problem!);
    }

    /// <summary>
    /// <c>git status --porcelain</c> of the links' paths as git would see them with core.symlinks=true
    /// (what the user gets after setting it): the status lines, empty when clean.
    /// </summary>
    public StepResult<string> StatusWithSymlinks()
    {
        var status = Run(["-c", "core.symlinks=true", "status", "--porcelain", "--", "."]);
        return status.TryGetValue(out var bytes) ? StepResult<string>.Of(Encoding.UTF8.GetString(bytes)) : StepResult<string>.Failed(status.Problem!);
    }

    private string? Config(string scope)
    {
        // Exit 1 is "not set"; anything else unreadable is reported as not set too (doctor only reports it).
        var read = Run(["config", scope, "--get", "core.symlinks"], acceptExit1: true);
        return read.TryGetValue(out var value) && value.Length > 0 ? Encoding.UTF8.GetString(value).Trim() : null;
    }

    private StepResult<byte[]> Run(IReadOnlyList<string> arguments, byte[]? input = null, bool acceptExit1 = false)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(Folder);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var command = $"git {string.Join(' ', arguments)}";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return StepResult<byte[]>.Failed($"cannot run {program} ({e.Message}): is git installed and on PATH?");
        }

        using (process)
        {
            // Input written and both outputs read at once: a large batch fills a pipe otherwise and both sides wait.
            var writing = input is null ? Task.CompletedTask : Task.Run(() =>
            {
                using var stdin = process.StandardInput.BaseStream;
                stdin.Write(input);
            });
            var errors = process.StandardError.ReadToEndAsync();
            using var output = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(output);
            writing.Wait();
            process.WaitForExit();
            var exit = process.ExitCode;
            if (exit == 0 || (acceptExit1 && exit == 1))
            {
                return StepResult<byte[]>.Of(exit == 0 ? output.ToArray() : []);
            }

            return StepResult<byte[]>.Failed($"{command} failed in {Folder} (exit {exit}): {errors.Result.Trim()}");
        }
    }
}
