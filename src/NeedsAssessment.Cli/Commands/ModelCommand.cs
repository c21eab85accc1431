using System.ComponentModel;
using System.Globalization;
using NeedsAssessment.Modelling;
using NeedsAssessment.Pipeline;
using NeedsAssessment.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NeedsAssessment.Cli.Commands;

/// <summary><c>needs-assessment model</c>: expected counts, risk-adjusted hotspots, typology and forecasts.</summary>
public sealed class ModelCommand : Command<ModelCommand.Settings>
{
    /// <summary>Model options.</summary>
    public sealed class Settings : StoreSettings
    {
        /// <summary>CSV output folder.</summary>
        [CommandOption("--out <FOLDER>")]
        [Description("Folder for the model tables as CSV. Default: ./model-output")]
        [DefaultValue("model-output")]
        public string Out { get; init; } = "model-output";

        /// <summary>Window.</summary>
        [CommandOption("--window <MONTHS>")]
        [Description("Months (ending at the latest month) for the area models. Default: 12")]
        [DefaultValue(12)]
        public int Window { get; init; } = 12;

        /// <summary>Seed.</summary>
        [CommandOption("--seed <N>")]
        [Description("Seed for k-means and forecast simulation. Default: 42")]
        [DefaultValue(42)]
        public int Seed { get; init; } = 42;
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.Db)) throw new UserErrorException($"Store '{settings.Db}' does not exist. Run 'needs-assessment demo' or ingest and classify first.");
        var outDir = Path.GetFullPath(settings.Out);
        // Staged beside --out and swapped in whole: a failure or a kill leaves the previous CSV files as they were.
        var stage = FolderPublication.Publish(outDir, publication =>
        {
            using var store = AssessmentStore.Open(settings.Db);
            return Stages.Model.Execute(store, new ModelOptions { WindowMonths = settings.Window, Seed = settings.Seed }, publication.StagingFolder);
        });
        if (stage.Run is not { } r) throw new UserErrorException($"Modelling {stage.NotRunBecause}.");

        string F(double v, string format = "0.####") => v.ToString(format, CultureInfo.InvariantCulture);
        var e = r.Expected;
        AnsiConsole.MarkupLine($"[bold]Expected counts[/] ({Markup.Escape(r.Options.Source ?? "")}, {r.WindowStart:yyyy-MM} to {r.WindowEnd:yyyy-MM}; {e.AreasFitted} of {e.Areas.Count} areas fitted, dispersion {F(e.PearsonDispersion, "0.00")})");
        var coef = new Table().Border(TableBorder.Simple).AddColumns("term", "estimate", "95% interval", "rate ratio", "ML.NET", "IRLS", "rel. diff");
        foreach (var c in e.Coefficients)
            coef.AddRow(Markup.Escape(c.Term), F(c.Estimate), $"{F(c.Lower)} to {F(c.Upper)}", F(c.RateRatio, "0.###"), F(c.MlNetEstimate, "0.000000"), F(c.IrlsEstimate, "0.000000"), c.RelativeDifference.ToString("E1", CultureInfo.InvariantCulture));
        AnsiConsole.Write(coef);
        var a = e.Agreement;
        AnsiConsole.MarkupLine($"ML.NET vs IRLS: max relative {a.MaxRelativeDifference:E2}, max absolute {a.MaxAbsoluteDifference:E2} (standardised scale), fitted means {a.MaxFittedRelativeDifference:E2}; reported estimate: [bold]{a.ReportedEstimate}[/]. Intervals: Wald, inverse Fisher information.");

        var top = new Table().Border(TableBorder.Simple).AddColumns("rank", "LSOA", "observed", "expected", "O/E (95% CI)", "excess");
        foreach (var x in e.Areas.OrderBy(x => x.ExcessRank).Take(10))
            top.AddRow(x.ExcessRank.ToString(CultureInfo.InvariantCulture), x.Lsoa21Code, F(x.Observed, "0"), F(x.Expected, "0.0"), $"{F(x.Ratio, "0.00")} ({F(x.RatioLower, "0.00")}-{F(x.RatioUpper, "0.00")})", F(x.Excess, "0.0"));
        AnsiConsole.MarkupLine("[bold]Top excess areas[/]");
        AnsiConsole.Write(top);

        int Hot(string basis) => r.Hotspots.Count(h => h.Basis == basis && h.IsHot);
        var both = r.Hotspots.Where(h => h.IsHot).GroupBy(h => h.Lsoa21Code).Count(g => g.Count() == 2);
        AnsiConsole.MarkupLine($"[bold]Hotspots[/] (Gi*, {r.Options.HotspotNeighbours} nearest + self, BH FDR, 95%): raw {Hot(RiskAdjustedHotspots.Raw)} areas, risk-adjusted {Hot(RiskAdjustedHotspots.RiskAdjusted)}, both {both}");

        var t = r.Typology;
        AnsiConsole.MarkupLine($"[bold]Typology[/]: k = {t.K} (silhouette {F(t.Silhouettes.Single(s => s.K == t.K).MeanSilhouette, "0.000")}); ARI vs seeds {string.Join(", ", t.StabilitySeeds)}: {string.Join(", ", t.StabilityAri.Select(v => F(v, "0.000")))}");
        foreach (var c in t.Clusters) AnsiConsole.MarkupLine($"  {c.Cluster}: {c.Areas} areas, {Markup.Escape(c.Profile)}");

        var acc = new Table().Border(TableBorder.Simple).AddColumns("district", "method", "MAPE %", "80% cover", "95% cover");
        foreach (var x in r.Forecasts.Accuracy)
            acc.AddRow(x.DistrictCode, x.Method, F(x.Mape, "0.0"), F(x.Coverage80, "0%"), F(x.Coverage95, "0%"));
        AnsiConsole.MarkupLine($"[bold]Forecast back-test[/] (last {r.Options.BacktestMonths} months held out)");
        AnsiConsole.Write(acc);
        AnsiConsole.MarkupLine($"Tables written to the store and as CSV in {Markup.Escape(outDir)}: {string.Join(", ", Modeller.Tables)}");
        return 0;
    }
}
