using System.ComponentModel;
using System.Globalization;
using NeedsAssessment.Pipeline;
using NeedsAssessment.Spatial;
using NeedsAssessment.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NeedsAssessment.Cli.Commands;

/// <summary><c>needs-assessment hotspots</c>: Gi*, LISA and KDE hot spots from sv_events.</summary>
public sealed class HotspotsCommand : Command<HotspotsCommand.Settings>
{
    /// <summary>Hot spot options.</summary>
    public sealed class Settings : StoreSettings
    {
        /// <summary>Sources.</summary>
        [CommandOption("--source <SOURCE>")]
        [Description("sv_events source to use (repeatable). Default: every source with coordinates, police_street left out when police_recorded_crime is present")]
        public string[]? Source { get; init; }

        /// <summary>Categories.</summary>
        [CommandOption("--category <CATEGORY>")]
        [Description("Serious violence category to keep (repeatable). Default: all")]
        public string[]? Category { get; init; }

        /// <summary>Cell size.</summary>
        [CommandOption("--cell <METRES>")]
        [Description("Grid cell side in metres. Default: shorter side of the events' extent / 150, rounded down to 100 m")]
        public double? Cell { get; init; }

        /// <summary>Main period.</summary>
        [CommandOption("--period <FROM:TO>")]
        [Description("Main period yyyy-mm:yyyy-mm. Default: the last 12 months with data")]
        public string? Period { get; init; }

        /// <summary>Methods.</summary>
        [CommandOption("--method <METHOD>")]
        [Description("gistar, lisa or kde (repeatable). Default: all three")]
        public string[]? Method { get; init; }

        /// <summary>FDR level.</summary>
        [CommandOption("--fdr <LEVEL>")]
        [Description("False discovery rate for hot spots. Default: 0.05")]
        [DefaultValue(0.05)]
        public double Fdr { get; init; } = 0.05;

        /// <summary>Small-number suppression of the published files.</summary>
        [CommandOption("--suppression <RULE>")]
        [Description("Small-number suppression of the files: nhs (1-7 hidden), fingertips (1-5) or none (internal use only). Default: nhs")]
        [DefaultValue("nhs")]
        public string Suppression { get; init; } = "nhs";

        /// <summary>Output folder.</summary>
        [CommandOption("--out <FOLDER>")]
        [Description("Folder for hotspots.csv, hotspot-top.csv and hotspot-parameters.json. Default: ./hotspots beside the store")]
        public string? Out { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var methods = (settings.Method ?? ["gistar", "lisa", "kde"]).Aggregate(HotspotMethods.None, (m, name) => m | HotspotAnalysis.ParseMethod(name));
        MonthPeriod? period = null;
        if (settings.Period is not null)
        {
            try { period = MonthPeriod.Parse(settings.Period); }
            catch (FormatException ex) { throw new UserErrorException(ex.Message); }
        }
        if (!File.Exists(settings.Db)) throw new UserErrorException($"No store at '{settings.Db}'.");
        var options = new HotspotOptions
        {
            Sources = settings.Source, Categories = settings.Category, CellSize = settings.Cell, Period = period,
            Methods = methods, FdrLevel = settings.Fdr,
            Suppression = NeedsAssessment.Indicators.SuppressionPolicy.FromName(settings.Suppression),
        };
        var folder = settings.Out ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(settings.Db))!, HotspotAnalysis.OutputSubfolder);
        // Staged beside the folder and swapped in whole: a failure or a kill leaves the previous hot spot files as they were.
        HotspotRunResult result = null!;
        var published = FolderPublication.Publish(folder, publication =>
        {
            using var store = AssessmentStore.Open(settings.Db);
            AnsiConsole.Status().Start("Finding hot spots", _ => result = Stages.Hotspots.Execute(store, options, publication.StagingFolder));
            return (Func<string?, string>)(p => p is null ? "" : publication.PublishedPath(p));
        });
        Report(result);
        if (result.CsvPath is not null)
        {
            AnsiConsole.MarkupLine($"  hotspots       {Markup.Escape(published(result.CsvPath))}");
            AnsiConsole.MarkupLine($"  top list       {Markup.Escape(published(result.TopCsvPath))}");
            AnsiConsole.MarkupLine($"  parameters     {Markup.Escape(published(result.ParametersPath))}");
        }
        return 0;
    }

    internal static void Report(HotspotRunResult r)
    {
        var p = r.Parameters;
        AnsiConsole.MarkupLine($"Hot spots for [bold]{Markup.Escape(p.Period)}[/] from {Markup.Escape(string.Join(", ", p.Filters.Sources))}" +
            (p.Filters.DefinitionName is null ? "" : $" ({Markup.Escape(p.Filters.DefinitionName)} {Markup.Escape(p.Filters.DefinitionVersion ?? "")})"));
        if (p.Grid is { } g) AnsiConsole.MarkupLine($"Grid: {g.CellSize.ToString("0.###", CultureInfo.InvariantCulture)} m cells, {g.Columns} x {g.Rows}.");
        if (r.Main is { } main)
        {
            int hot = main.Result.GiStar.Values.Count(v => v.Z > 0 && v.PAdjusted < p.GiStar!.FdrLevel);
            AnsiConsole.MarkupLine($"Gi* ({Markup.Escape(p.GiStar!.Baseline)}): {hot:N0} hot cells at {p.GiStar.FdrLevel:P0} FDR.");
        }
        if (p.Trend is { } t)
            AnsiConsole.MarkupLine($"Over {t.Periods.Count} periods: " + Markup.Escape(string.Join(", ", t.Counts.Where(kv => kv.Key != "none").Select(kv => $"{kv.Value} {kv.Key}"))));
        if (p.Evaluation is { } e)
            AnsiConsole.MarkupLine($"Hot spots of {e.FoundPeriod} in {e.NextPeriod}: PAI {e.PaiNext:F1}, RRI {e.Rri:F2} ({e.HotspotCells} cells, {e.AreaShare:P1} of the area).");
        if (p.Areas is { } a)
            AnsiConsole.MarkupLine($"LSOAs: global Moran's I {a.GlobalMoranI:F3} (z {a.GlobalMoranZ:F1}); " + Markup.Escape(string.Join(", ", a.Counts.Select(kv => $"{kv.Value} {kv.Key}"))));
        if (r.Top.Length > 0)
        {
            var table = new Table().Border(TableBorder.Simple).AddColumns("rank", "peak cell", "events (cluster)", "z", "trend", "area", "main offence");
            foreach (var x in r.Top.Take(10))
                table.AddRow(x.Rank.ToString(CultureInfo.InvariantCulture), x.UnitId,
                    $"{x.Count?.ToString("N0", CultureInfo.InvariantCulture) ?? "suppressed"} ({x.ClusterCount?.ToString("N0", CultureInfo.InvariantCulture) ?? "suppressed"})",
                    x.Z.ToString("F1", CultureInfo.InvariantCulture), Markup.Escape(x.Trend ?? ""),
                    Markup.Escape(string.Join(", ", new[] { x.WardName, x.DistrictName }.Where(s => s is not null))),
                    Markup.Escape(x.TopOffences?.Split(" | ")[0] ?? ""));
            AnsiConsole.Write(table);
        }
        foreach (var n in p.Notes) AnsiConsole.MarkupLine($"[yellow]note[/] {Markup.Escape(n)}");
    }
}
