using System.ComponentModel;
using Spectre.Console.Cli;

namespace NeedsAssessment.Cli.Commands;

/// <summary><c>needs-assessment validate &lt;kind&gt; &lt;files&gt;</c>: the ingest report as a dry run.</summary>
public sealed class ValidateCommand : Command<ValidateCommand.Settings>
{
    /// <summary>Validate options.</summary>
    public sealed class Settings : StoreSettings
    {
        /// <summary>Dataset kind.</summary>
        [CommandArgument(0, "<kind>")]
        [Description("Dataset kind, e.g. police-street.")]
        public string Kind { get; init; } = "";

        /// <summary>Files, folders or globs.</summary>
        [CommandArgument(1, "<files>")]
        [Description("Files, folders or globs.")]
        public string[] Files { get; init; } = [];
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        LoadCommands.Run(settings.Db, settings.Kind, settings.Files, dryRun: true);
}
