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
        System.IO.File.WriteAllText(settings.File, settings.Partnership is null ? AssessmentFile.Starter() : AssessmentFile.Starter(settings.Partnership));
        AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(settings.File)}[/]. Edit the input paths, then: needs-assessment run {Markup.Escape(settings.File)}");
        return 0;
    }
}
