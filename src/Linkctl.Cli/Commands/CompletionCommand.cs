using System.CommandLine;
using Linkctl.Cli.Reference;

namespace Linkctl.Cli.Commands;

/// <summary><c>linkctl completion SHELL</c>: the completion script for bash, zsh, fish or PowerShell, made from the command tree.</summary>
internal sealed class CompletionCommand : Command
{
    private readonly Argument<string> shell = new("SHELL") { Description = "bash, zsh, fish or pwsh." };

    public CompletionCommand()
        : base("completion", "Print a shell completion script: bash (source <(linkctl completion bash)), zsh, fish (linkctl completion fish | source) or pwsh (linkctl completion pwsh | Out-String | Invoke-Expression).")
    {
        shell.AcceptOnlyFromAmong([.. CompletionScripts.Shells]);
        Arguments.Add(shell);
        SetAction(result =>
        {
            Console.Out.Write(CompletionScripts.For(result.GetValue(shell)!, CommandReference.Of(result.RootCommandResult.Command)));
            return ExitCodes.Ok;
        });
    }
}
