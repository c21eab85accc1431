using System.ComponentModel;
using NeedsAssessment.Ingest;
using NeedsAssessment.Store;
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

        /// <summary>Propose a mapping instead of validating.</summary>
        [CommandOption("--suggest")]
        [Description("Propose a mapping (columns, value recodes, date format) from the headers and sampled values, as YAML to paste under 'inputs:' in the assessment file. Nothing is loaded.")]
        public bool Suggest { get; init; }

        /// <summary>Workbook sheet for --suggest.</summary>
        [CommandOption("--sheet <NAME>")]
        [Description("Excel workbooks: the sheet to read (default: the first).")]
        public string? Sheet { get; init; }

        /// <summary>Header row for --suggest.</summary>
        [CommandOption("--header-row <ROW>")]
        [Description("The sheet row (or line) holding the column names (default: 1).")]
        public int HeaderRow { get; init; } = 1;
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!settings.Suggest && settings.Sheet is null && settings.HeaderRow == 1)
            return LoadCommands.Run(settings.Db, settings.Kind, settings.Files, dryRun: true);
        if (!settings.Suggest)
            return LoadCommands.Run(settings.Db, settings.Kind, settings.Files, dryRun: true, new InputMapping { Sheet = settings.Sheet, HeaderRow = settings.HeaderRow });
        foreach (var file in InputFiles.Expand(settings.Files))
            Console.Out.Write(MappingSuggester.Suggest(SchemaCatalog.Default, settings.Kind, file, settings.Sheet, settings.HeaderRow));
        return 0;
    }
}
