using System.ComponentModel;
using NeedsAssessment.Pipeline;
using NeedsAssessment.Report;
using NeedsAssessment.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NeedsAssessment.Cli.Commands;

/// <summary><c>needs-assessment report</c>: the SNA report (HTML) and the indicator workbook (Excel) from a classified store.</summary>
public sealed class ReportCommand : Command<ReportCommand.Settings>
{
    /// <summary>Report options.</summary>
    public sealed class Settings : StoreSettings
    {
        /// <summary>Output folder.</summary>
        [CommandOption("--out <FOLDER>")]
        [Description("Folder for needs-assessment.html and indicators.xlsx. Default: ./report")]
        [DefaultValue("report")]
        public string Out { get; init; } = "report";

        /// <summary>Suppression policy.</summary>
        [CommandOption("--suppression <POLICY>")]
        [Description("Small-number rule: nhs (counts 1-7 hidden, default), fingertips (1-5 hidden) or none (internal use only).")]
        [DefaultValue("nhs")]
        public string Suppression { get; init; } = "nhs";
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var options = new ReportOptions { Suppression = Indicators.SuppressionPolicy.FromName(settings.Suppression) };
        // Read-only: a report never changes the store, and can run while someone else explores it.
        using var store = AssessmentStore.Open(settings.Db, readOnly: true);
        var (report, workbook) = Stages.Report.Execute(store, options, settings.Out);
        AnsiConsole.MarkupLine($"Report    {Markup.Escape(report.HtmlPath)} ({report.Bytes / 1024.0:N0} KB, {report.Charts} charts)");
        AnsiConsole.MarkupLine($"Workbook  {Markup.Escape(workbook)}");
        if (settings.Suppression.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
            AnsiConsole.MarkupLine("[yellow]Suppression is off: do not publish these files outside the partnership.[/]");
        return 0;
    }
}
