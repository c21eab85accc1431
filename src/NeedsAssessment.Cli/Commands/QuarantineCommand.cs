using System.ComponentModel;
using NeedsAssessment.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NeedsAssessment.Cli.Commands;

/// <summary><c>needs-assessment quarantine [--load id]</c>.</summary>
public sealed class QuarantineCommand : Command<QuarantineCommand.Settings>
{
    /// <summary>Quarantine options.</summary>
    public sealed class Settings : StoreSettings
    {
        /// <summary>Load id filter.</summary>
        [CommandOption("--load <ID>")]
        [Description("Only rows from this load (see 'status').")]
        public long? Load { get; init; }

        /// <summary>Row limit.</summary>
        [CommandOption("--limit <N>")]
        [Description("Most rows to show. Default: 200")]
        [DefaultValue(200)]
        public int Limit { get; init; } = 200;
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = AssessmentStore.Open(settings.Db, readOnly: true);
        var rows = QuarantineRow.Read(store, settings.Load, settings.Limit);
        if (rows.Count == 0) { AnsiConsole.MarkupLine("No quarantined rows."); return 0; }
        var table = new Table().Border(TableBorder.Simple).AddColumns("load", "file", "record", "line", "column", "rule", "message");
        foreach (var r in rows)
            table.AddRow(r.LoadId.ToString(), Markup.Escape(r.FileName), r.Record.ToString(), r.Line?.ToString() ?? "", Markup.Escape(r.Column ?? ""), r.Rule, Markup.Escape(r.Message));
        AnsiConsole.Write(table);
        return 0;
    }
}
