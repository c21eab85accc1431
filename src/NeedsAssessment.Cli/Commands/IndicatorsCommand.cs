using System.ComponentModel;
using NeedsAssessment.Indicators;
using NeedsAssessment.Pipeline;
using NeedsAssessment.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NeedsAssessment.Cli.Commands;

/// <summary><c>needs-assessment indicators</c>: compute the catalogue and export it with suppression.</summary>
public sealed class IndicatorsCommand : Command<IndicatorsCommand.Settings>
{
    /// <summary>Indicator options.</summary>
    public sealed class Settings : StoreSettings
    {
        /// <summary>Levels.</summary>
        [CommandOption("--level <LEVEL>")]
        [Description("Geography level(s), comma-separated: lsoa, ward, district, hub, partnership. Default: lsoa,ward,district,partnership")]
        public string? Level { get; init; }

        /// <summary>Period types.</summary>
        [CommandOption("--period <TYPE>")]
        [Description("Period type(s), comma-separated: month, quarter, financial_year, rolling_12_months, pooled_3_financial_years. Default: each indicator's own")]
        public string? Period { get; init; }

        /// <summary>Output folder.</summary>
        [CommandOption("--out <FOLDER>")]
        [Description("Folder for indicator_values.csv, .parquet and .parameters.json. Default: ./indicators")]
        [DefaultValue("indicators")]
        public string Out { get; init; } = "indicators";

        /// <summary>Suppression policy.</summary>
        [CommandOption("--suppression <POLICY>")]
        [Description("Small-number suppression for the export: nhs (1-7 hidden), fingertips (1-5 hidden, no DSR below 10) or none. Default: nhs")]
        [DefaultValue("nhs")]
        public string Suppression { get; init; } = "nhs";
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        static IReadOnlyList<string>? Split(string? s) => s?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var policy = SuppressionPolicy.FromName(settings.Suppression);
        IndicatorRun run = null!;
        IndicatorExportResult export = null!;
        // The export is staged beside --out and swapped in whole: a failure or a kill leaves the previous files as they were.
        var published = FolderPublication.Publish(settings.Out, publication =>
        {
            using var store = AssessmentStore.Open(settings.Db);
            AnsiConsole.Status().Start("Computing indicators", ctx =>
            {
                // The same stage objects 'run' uses: compute, then publish under the disclosure policy.
                run = Stages.Indicators.Execute(store, new IndicatorOptions
                {
                    Levels = Split(settings.Level),
                    PeriodTypes = Split(settings.Period),
                    Announce = m => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(m)}[/]"),
                }, publication.StagingFolder);
                ctx.Status("Exporting");
                export = Stages.IndicatorExport.Execute(store, policy, publication.StagingFolder);
            });
            return (Func<string, string>)publication.PublishedPath;
        });
        AnsiConsole.MarkupLine($"{run.Rows:N0} indicator values ({run.IndicatorIds.Count} indicators; levels {string.Join(", ", run.Levels)}; periods {string.Join(", ", run.PeriodTypes)}; population from {run.PopulationSource}; police source {run.PoliceSource}).");
        AnsiConsole.MarkupLine($"Suppression '{policy.Name}': {export.PrimarySuppressed:N0} rows hidden for small counts, {export.SecondarySuppressed:N0} more so they can't be recovered by differencing.");
        AnsiConsole.MarkupLine($"  {Markup.Escape(published(export.CsvPath))}");
        AnsiConsole.MarkupLine($"  {Markup.Escape(published(export.ParquetPath))}");
        AnsiConsole.MarkupLine($"  {Markup.Escape(published(export.ParametersPath))}");
        return 0;
    }
}
