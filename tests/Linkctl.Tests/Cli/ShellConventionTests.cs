using System.Text.RegularExpressions;
using Linkctl.Cli;
using Linkctl.Cli.Reference;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Cli;

/// <summary>
/// Issue 14's command-line conventions: plain `linkctl`, a mistyped verb, `help VERB`, the man
/// page, --version and the completion scripts, all made from the one command tree.
/// </summary>
public sealed class ShellConventionTests : IDisposable
{
    private readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    private static readonly CommandReference Tree = CommandReference.Of(CommandTree.Build());

    [Fact]
    public void Plain_linkctl_lists_every_verb_and_exits_0()
    {
        var result = LinkctlCli.Run(scratch.Path);
        Assert.Equal(0, result.ExitCode);
        foreach (var verb in Tree.Subcommands)
        {
            Assert.Matches(new Regex($"^  {verb.Path[0]} ", RegexOptions.Multiline), result.StdOut);
        }
    }

    [Theory]
    [InlineData("ls", "list")]
    [InlineData("lst", "list")]
    [InlineData("remove", "rm")]
    [InlineData("doctr", "doctor")]
    [InlineData("ln", "new")]
    public void A_mistyped_verb_names_the_closest_and_exits_2(string typed, string meant)
    {
        var result = LinkctlCli.Run(scratch.Path, typed, ".");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"unknown command '{typed}'", result.StdErr);
        Assert.Contains($"did you mean `linkctl {meant}`?", result.StdErr);
        Assert.Equal(string.Empty, result.StdOut);
    }

    [Fact]
    public void A_word_far_from_every_verb_gets_no_guess()
    {
        var result = LinkctlCli.Run(scratch.Path, "xyzzy");
        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("did you mean", result.StdErr);
        Assert.Contains("commands: new, show, rm, list", result.StdErr);
    }

    [Fact]
    public void A_mistyped_sub_verb_names_the_closest()
    {
        var result = LinkctlCli.Run(scratch.Path, "audit", "link");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("did you mean `linkctl audit links`?", result.StdErr);
    }

    [Fact]
    public void Help_verb_shows_every_option_the_parser_accepts()
    {
        var result = LinkctlCli.Run(scratch.Path, "help", "list");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage: linkctl list [ROOT...] [OPTIONS]", result.StdOut);
        foreach (var option in Tree.Find(["list"])!.Options)
        {
            Assert.Contains(option.Names[0], result.StdOut);
        }

        Assert.DoesNotContain("--threads", result.StdOut); // hidden stays hidden
        Assert.Contains("--kind, -k hard|junction|symbolic", LinkctlCli.Run(scratch.Path, "help", "new").StdOut);
        Assert.Equal(2, LinkctlCli.Run(scratch.Path, "help", "lisst").ExitCode);
    }

    [Fact]
    public void The_man_page_has_every_command_and_option()
    {
        var result = LinkctlCli.Run(scratch.Path, "help", "--man");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(".TH LINKCTL 1", result.StdOut);
        foreach (var command in Tree.SelfAndDescendants().Skip(1))
        {
            Assert.Contains($".SS \"linkctl {command.Words}", result.StdOut.Replace("\\-", "-", StringComparison.Ordinal));
        }

        // No text line may start with a roff control character it did not mean.
        foreach (var line in result.StdOut.Split('\n').Where(l => l.StartsWith('.')))
        {
            Assert.Matches(@"^\.(TH|SH|SS|TP|B|I|BR) ?", line);
        }

        if (Which("groff") is not null)
        {
            var file = scratch.PathOf("linkctl.1");
            File.WriteAllText(file, result.StdOut);
            var check = ProcessRunner.Run("groff", ["-man", "-ww", "-z", file], TimeSpan.FromSeconds(60));
            Assert.True(check.ExitCode == 0 && check.StdErr.Length == 0, check.StdErr);
        }
    }

    [Fact]
    public void Version_shows_the_version_and_the_commit()
    {
        var result = LinkctlCli.Run(scratch.Path, "--version");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?\+[0-9a-f]{40}\s*$", result.StdOut);
    }

    /// <summary>Runs bash's completion for <paramref name="line"/> (the cursor at its end) with the generated script loaded.</summary>
    private string[] BashComplete(string line)
    {
        var script = scratch.PathOf("linkctl.bash");
        File.WriteAllText(script, LinkctlCli.Run(scratch.Path, "completion", "bash").StdOut);
        var driver = $$"""
            source '{{script}}'
            COMP_LINE='{{line}}'
            read -ra COMP_WORDS <<< "$COMP_LINE"
            [[ $COMP_LINE == *' ' ]] && COMP_WORDS+=('')
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            complete -p linkctl >/dev/null || exit 9
            _linkctl
            printf '%s\n' "${COMPREPLY[@]}"
            """;
        var result = ProcessRunner.Run("bash", ["--norc", "-c", driver], TimeSpan.FromSeconds(60), scratch.Path);
        Assert.True(result.ExitCode == 0, result.StdErr);
        return result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [RequiresFact("linux")]
    public void Bash_completes_verbs_sub_verbs_options_values_and_files()
    {
        File.WriteAllText(scratch.PathOf("target.txt"), "x");
        Assert.Equal(["list"], BashComplete("linkctl li"));
        Assert.Equal(["rights", "rm"], BashComplete("linkctl r").Order().Where(v => v is "rights" or "rm"));
        Assert.Equal(["links"], BashComplete("linkctl audit li"));
        Assert.Equal(["junction"], BashComplete("linkctl new --kind j"));
        Assert.Equal(["--broken"], BashComplete("linkctl list --bro"));
        Assert.Contains("--json", BashComplete("linkctl show --"));
        Assert.Contains("--version", BashComplete("linkctl --ver"));
        Assert.Equal(["target.txt"], BashComplete("linkctl new link tar"));
        Assert.Equal(["bash"], BashComplete("linkctl completion ba"));
    }

    [Theory]
    [InlineData("zsh")]
    [InlineData("fish")]
    [InlineData("pwsh")]
    public void Every_shell_gets_every_verb_and_option(string shell)
    {
        var result = LinkctlCli.Run(scratch.Path, "completion", shell);
        Assert.Equal(0, result.ExitCode);
        foreach (var command in Tree.SelfAndDescendants().Skip(1))
        {
            Assert.True(Regex.IsMatch(result.StdOut, $@"(^|[\s'])({Regex.Escape(command.Path[^1])})($|[\s'])", RegexOptions.Multiline), $"{shell}: {command.Words}");
            foreach (var option in command.Options)
            {
                var name = option.Names[0];
                // A whole word: '--json' (pwsh), --json in a word list (bash, zsh), -l 'json' (fish).
                var word = shell == "fish" ? $"'{name.TrimStart('-')}'" : name;
                Assert.True(Regex.IsMatch(result.StdOut, $@"(^|[\s'])({Regex.Escape(word)})($|[\s'])", RegexOptions.Multiline), $"{shell}: {command.Words} {name}");
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="program"/>'s own parser over the generated script, and over a copy
    /// with an unclosed block appended, which it must refuse: so a checker that accepts
    /// anything (a wrong flag, a shell that does not parse files) fails the test too.
    /// </summary>
    private void AssertShellParses(string shell, string program, string[] checkArguments, string unclosedBlock)
    {
        var script = LinkctlCli.Run(scratch.Path, "completion", shell);
        Assert.Equal(0, script.ExitCode);
        var good = scratch.PathOf("completion." + shell);
        var bad = scratch.PathOf("broken." + shell);
        File.WriteAllText(good, script.StdOut);
        File.WriteAllText(bad, script.StdOut + unclosedBlock);

        var check = ProcessRunner.Run(program, [.. checkArguments, good], TimeSpan.FromSeconds(60), scratch.Path);
        Assert.True(check.ExitCode == 0 && check.StdErr.Length == 0, $"{program} refused `linkctl completion {shell}`: {check.StdErr}{check.StdOut}");

        var refused = ProcessRunner.Run(program, [.. checkArguments, bad], TimeSpan.FromSeconds(60), scratch.Path);
        Assert.True(refused.ExitCode != 0, $"{program} {string.Join(' ', checkArguments)} accepted a script with an unclosed block: it checks nothing");
    }

    // zsh -n reads the script without running it (NO_EXEC): a parse error exits 1.
    [RequiresFact("zsh")]
    public void Zsh_parses_its_completion_script() =>
        AssertShellParses("zsh", "zsh", ["-f", "-n"], "\nif true; then\n");

    // fish --no-execute parses without running; a parse error exits 127.
    [RequiresFact("fish")]
    public void Fish_parses_its_completion_script() =>
        AssertShellParses("fish", "fish", ["--no-config", "--no-execute"], "\nif true\n");

    /// <summary>Runs fish's completion for <paramref name="line"/> with the generated script loaded (`complete -C`: the candidates, each with its description after a tab).</summary>
    private string[] FishComplete(string line)
    {
        var script = scratch.PathOf("linkctl.fish");
        File.WriteAllText(script, LinkctlCli.Run(scratch.Path, "completion", "fish").StdOut);
        var result = ProcessRunner.Run("fish", ["--no-config", "-c", $"source '{script}'; complete -C '{line}'"], TimeSpan.FromSeconds(60), scratch.Path);
        Assert.True(result.ExitCode == 0, result.StdErr);
        return result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(c => c.Split('\t')[0]).ToArray();
    }

    [RequiresFact("fish")]
    public void Fish_completes_verbs_sub_verbs_options_values_and_files()
    {
        File.WriteAllText(scratch.PathOf("target.txt"), "x");
        Assert.Equal(["list"], FishComplete("linkctl li"));
        Assert.Equal(["links"], FishComplete("linkctl audit li"));
        Assert.Equal(["junction"], FishComplete("linkctl new --kind j"));
        Assert.Equal(["--broken"], FishComplete("linkctl list --bro"));
        Assert.Contains("--json", FishComplete("linkctl show --"));
        Assert.Equal(["target.txt"], FishComplete("linkctl new link tar"));
    }

    // pwsh is not in Debian's archive (only in Microsoft's package repository), so .ci/run cannot
    // install it and this check does not run here; it runs where pwsh is on PATH (windows-latest).
    [RequiresFact("pwsh")]
    public void Pwsh_parses_its_completion_script()
    {
        var script = LinkctlCli.Run(scratch.Path, "completion", "pwsh");
        Assert.Equal(0, script.ExitCode);
        var file = scratch.PathOf("completion.ps1");
        File.WriteAllText(file, script.StdOut);
        var check = ProcessRunner.Run("pwsh", ["-NoProfile", "-Command", $"$e = $null; [void][System.Management.Automation.Language.Parser]::ParseFile('{file}', [ref]$null, [ref]$e); if ($e) {{ $e; exit 1 }}"], TimeSpan.FromSeconds(60));
        Assert.True(check.ExitCode == 0, check.StdErr + check.StdOut);
    }

    [Fact]
    public void An_unknown_shell_is_a_usage_error()
    {
        var result = LinkctlCli.Run(scratch.Path, "completion", "tcsh");
        Assert.Equal(2, result.ExitCode);
    }
}
