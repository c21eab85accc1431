using System.ComponentModel;
using NeedsAssessment.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NeedsAssessment.Cli.Commands;

/// <summary><c>needs-assessment init [file]</c>: a commented starter assessment file.</summary>
public sealed class InitCommand : Command<InitCommand.Settings>
{
    /// <summary>Init options.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>File to write.</summary>
        [CommandArgument(0, "[file]")]
        [Description("File to write. Default: assessment.yaml")]
        public string File { get; init; } = "assessment.yaml";

        /// <summary>Partnership name.</summary>
        [CommandOption("--partnership <NAME>")]
        [Description("Partnership name to put in the file.")]
        public string? Partnership { get; init; }

        /// <summary>The partnership's local authorities.</summary>
        [CommandOption("--local-authorities <CODES>")]
        [Description("The partnership's area: local authority district codes or names, comma-separated (E06000014,E06000065). Asked for when omitted at a terminal.")]
        public string? LocalAuthorities { get; init; }

        /// <summary>Overwrite.</summary>
        [CommandOption("--force")]
        [Description("Overwrite an existing file.")]
        public bool Force { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (System.IO.File.Exists(settings.File) && !settings.Force)
            throw new UserErrorException($"'{settings.File}' already exists; use --force to overwrite it.");
        var partnership = settings.Partnership;
        var authorities = settings.LocalAuthorities;
        // At a terminal, ask for what only the analyst knows; scripts and CI (input redirected) get the starter's examples.
        if (!Console.IsInputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            partnership ??= AnsiConsole.Prompt(new TextPrompt<string>("Partnership name:").DefaultValue("Example Community Safety Partnership"));
            authorities ??= AnsiConsole.Prompt(new TextPrompt<string>("Local authorities the partnership covers (district codes or names, comma-separated):").DefaultValue("E06000014"));
        }
        var codes = (authorities ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (codes.Any(c => c.Contains('[', StringComparison.Ordinal) || c.Contains(']', StringComparison.Ordinal) || c.Contains('#', StringComparison.Ordinal)))
            throw new UserErrorException("--local-authorities: give codes or names separated by commas, e.g. E06000014,E06000065.");
        System.IO.File.WriteAllText(settings.File, AssessmentFile.Starter(partnership ?? "Example Community Safety Partnership", codes));
        AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(settings.File)}[/]. Edit the input paths, then: needs-assessment run {Markup.Escape(settings.File)}");
        return 0;
    }
}
