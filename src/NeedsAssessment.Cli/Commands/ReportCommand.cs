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
        var policy = Indicators.SuppressionPolicy.FromName(settings.Suppression);
        var options = new ReportOptions { Suppression = policy };
        // The report is a view over result tables, so the stages it reads run first: indicators when the store has
        // none, then the indicator export and the descriptives under this command's policy (a store exported under
        // another policy would otherwise show that policy's suppression).
        var progress = new Progress<string>(line => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(line)}[/]"));
        // Staged beside --out and swapped in whole at the end: a failure or a kill leaves the previous report as it was.
        var (report, workbook) = FolderPublication.Publish(settings.Out, publication =>
        {
            var staged = publication.StagingFolder;
            using var store = AssessmentStore.Open(settings.Db);
            if (!store.TableExists(Indicators.IndicatorTable.Name))
            {
                // As `run` does, but with no assessment file the area is undeclared: every LSOA of the reference files.
                if (!store.TableExists(AreaHierarchy.Table))
                    AnsiConsole.MarkupLine($"[grey]The area: {Markup.Escape(AreaHierarchy.Build(store, PartnershipArea.Undeclared, "Partnership").ToString())}[/]");
                AnsiConsole.MarkupLine("[grey]No indicators in the store: computing them with the default settings (needs-assessment indicators to choose).[/]");
                Stages.Indicators.Execute(store, new Indicators.IndicatorOptions(), staged);
            }
            Stages.IndicatorExport.Execute(store, policy, Path.Combine(staged, IndicatorExportStage.Subfolder), progress);
            Stages.Descriptives.Execute(store, new Descriptives.DescriptiveOptions { Suppression = policy }, staged, progress);
            var (r, w) = Stages.Report.Execute(store, options, staged);
            return (r with { HtmlPath = publication.PublishedPath(r.HtmlPath) }, publication.PublishedPath(w));
        });
        AnsiConsole.MarkupLine($"Report    {Markup.Escape(report.HtmlPath)} ({report.Bytes / 1024.0:N0} KB, {report.Charts} charts)");
        AnsiConsole.MarkupLine($"Workbook  {Markup.Escape(workbook)}");
        if (settings.Suppression.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
            AnsiConsole.MarkupLine("[yellow]Suppression is off: do not publish these files outside the partnership.[/]");
        return 0;
    }
}
