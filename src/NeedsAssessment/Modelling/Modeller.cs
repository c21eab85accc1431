using System.Globalization;
using System.Text;
using NeedsAssessment.Classify;
using NeedsAssessment.Indicators;
using NeedsAssessment.Store;

namespace NeedsAssessment.Modelling;

/// <summary>Everything the modelling stage produced.</summary>
/// <param name="Options">Settings used.</param>
/// <param name="WindowStart">First month of the area window.</param>
/// <param name="WindowEnd">Last month of the area window.</param>
/// <param name="Expected">Expected-count model: coefficients, O/E per area, ML.NET-IRLS agreement (the observed-vs-expected chart).</param>
/// <param name="Hotspots">Raw and risk-adjusted Gi* per area.</param>
/// <param name="Typology">Area typology with cluster profiles.</param>
/// <param name="Forecasts">District forecasts and back-test (the forecast fan chart).</param>
public sealed record ModelRunResult(
    ModelOptions Options, DateTime WindowStart, DateTime WindowEnd, ExpectedCountsResult Expected, IReadOnlyList<AreaHotspot> Hotspots,
    TypologyResult Typology, ForecastResult Forecasts);

/// <summary>One-call entry point for the modelling stage.</summary>
public static class Modeller
{
    /// <summary>Store tables written by <see cref="Run"/>.</summary>
    public static readonly IReadOnlyList<string> Tables =
        ["model_expected", "model_coefficients", "model_hotspots", "area_typology", "area_typology_profiles", "forecasts", "forecast_accuracy"];

    /// <summary>
    /// Runs the modelling stage on a classified store: expected counts (<see cref="ExpectedCounts.Fit"/>), raw and
    /// risk-adjusted hotspots (<see cref="RiskAdjustedHotspots.Compute"/>), the typology (<see cref="AreaTypology.Compute"/>)
    /// and district forecasts (<see cref="DistrictForecast.Run"/>), and replaces the <see cref="Tables"/> in the store.
    /// The same store and options give the same tables.
    /// </summary>
    /// <param name="store">A store holding sv_events, population_syoa, deprivation, geography and centroids.</param>
    /// <param name="options">Settings; defaults when null.</param>
    public static ModelRunResult Run(AssessmentStore store, ModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new ModelOptions();
        if (options.Source is null) options = options with { Source = PoliceSource.Counted(store) };
        if (options.WindowMonths < 1) throw new UserErrorException("WindowMonths must be at least 1.");
        AreaHierarchy.EnsureBuilt(store);
        foreach (var t in new[] { "sv_events", "population_syoa", "deprivation", AreaHierarchy.Table, "centroids" })
            if (!store.TableExists(t)) throw new UserErrorException($"The store has no '{t}' table; load it (and run classify) before modelling.");
        var source = options.Source!;
        var end = ModelData.LatestMonth(store, source);
        var start = end.AddMonths(1 - options.WindowMonths);
        var areas = ModelData.Areas(store, source, options.WindowMonths);
        var expected = ExpectedCounts.Fit(areas, options);
        var hotspots = RiskAdjustedHotspots.Compute(areas, expected.Areas, options.HotspotNeighbours);
        var typology = AreaTypology.Compute(areas, options.WindowMonths, options.Seed, options.TypologyMinK, options.TypologyMaxK, options.TypologyStabilitySeeds);
        var forecasts = DistrictForecast.Run(ModelData.DistrictMonthly(store, source), options.ForecastHorizon, options.BacktestMonths,
            options.SeasonalHarmonics, options.ForecastDraws, options.Seed);
        var result = new ModelRunResult(options, start, end, expected, hotspots, typology, forecasts);
        if (!store.ReadOnly) ModelTables.Write(store, result);
        return result;
    }

    /// <summary>
    /// Writes each model table as CSV into <paramref name="folder"/>, rows sorted on every column so the same
    /// store gives byte-identical files, with small-number suppression (<see cref="SmallNumberSuppression.HideCounts"/>):
    /// an LSOA's observed count hidden by the policy (within its district, whose total the indicators publish) is
    /// published empty together with what would give it back from the published expected count (O/E ratio and its
    /// limits, excess, and the Gi* value); a district's observed monthly count in the forecasts likewise (within the
    /// month, whose partnership total is published). The store keeps the exact values.
    /// </summary>
    /// <param name="store">Store holding the model tables.</param>
    /// <param name="folder">Output folder.</param>
    /// <param name="suppression">Publication rule; <see cref="SuppressionPolicy.Nhs"/> when null.</param>
    public static IReadOnlyList<string> Export(AssessmentStore store, string folder, SuppressionPolicy? suppression = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var policy = suppression ?? SuppressionPolicy.Nhs;
        Directory.CreateDirectory(folder);
        var hiddenAreas = HiddenAreas(store, policy);
        var hiddenMonths = HiddenKeys(store, "forecasts", "district_code || '|' || strftime(month, '%Y-%m') || '|' || kind || '|' || method", "strftime(month, '%Y-%m') || '|' || kind || '|' || method", "observed", policy);
        var paths = new List<string>();
        foreach (var table in Tables.Where(store.TableExists))
        {
            var path = Path.GetFullPath(Path.Combine(folder, table + ".csv"));
            string Hide(string key, IReadOnlySet<string> hidden, params string[] columns)
            {
                if (hidden.Count == 0) return "*";
                var list = string.Join(", ", hidden.Order(StringComparer.Ordinal).Select(AssessmentStore.Literal));
                return $"* REPLACE ({string.Join(", ", columns.Select(c => $"CASE WHEN {key} IN ({list}) THEN NULL ELSE {c} END AS {c}"))})";
            }
            var select = table switch
            {
                "model_expected" => Hide("lsoa21_code", hiddenAreas, "observed", "oe_ratio", "oe_lower", "oe_upper", "excess"),
                "model_hotspots" => Hide("lsoa21_code", hiddenAreas, "value"),
                "forecasts" => Hide("district_code || '|' || strftime(month, '%Y-%m') || '|' || kind || '|' || method", hiddenMonths, "observed"),
                _ => "*",
            };
            store.Execute($"COPY (SELECT {select} FROM {AssessmentStore.Quote(table)} ORDER BY ALL) TO {AssessmentStore.Literal(path)} (HEADER, DELIMITER ',')");
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>
    /// The LSOAs whose observed count the model export hides under <paramref name="policy"/>
    /// (<see cref="SmallNumberSuppression.HideCounts"/> within each district), so the report hides what the CSV hides.
    /// </summary>
    public static IReadOnlySet<string> HiddenAreas(AssessmentStore store, SuppressionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(policy);
        return HiddenKeys(store, "model_expected", "lsoa21_code", "district_code", "observed", policy);
    }

    // Keys of the rows whose count the policy hides, suppressed group by group (the groups' totals are published).
    private static HashSet<string> HiddenKeys(AssessmentStore store, string table, string key, string group, string count, SuppressionPolicy policy)
    {
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        if (!store.TableExists(table)) return hidden;
        var rows = store.Query($"SELECT {key}, coalesce({group}, ''), {count} FROM {AssessmentStore.Quote(table)} WHERE {count} IS NOT NULL ORDER BY 2, 1",
            r => (Key: r.GetString(0), Group: r.GetString(1), Count: Convert.ToDouble(r.GetValue(2), CultureInfo.InvariantCulture)));
        foreach (var g in rows.GroupBy(r => r.Group))
        {
            var members = g.ToList();
            var mask = SmallNumberSuppression.HideCounts(members.Select(m => (double?)m.Count).ToArray(), policy);
            for (int i = 0; i < members.Count; i++) if (mask[i]) hidden.Add(members[i].Key);
        }
        return hidden;
    }

    /// <summary>
    /// Why modelling can't run on this store (a missing or empty table it needs), or null when it can. Expected
    /// counts need single-year population (for the 16-24 share), deprivation, the area hierarchy and centroids.
    /// </summary>
    public static string? MissingInputs(AssessmentStore store, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        source ??= PoliceSource.Counted(store);
        var missing = new[] { "sv_events", "population_syoa", "deprivation", AreaHierarchy.Table, "centroids" }
            .Where(t => !store.TableExists(t) || Convert.ToInt64(store.Scalar($"SELECT count(*) FROM {AssessmentStore.Quote(t)}"), System.Globalization.CultureInfo.InvariantCulture) == 0)
            .ToList();
        if (missing.Count > 0) return $"needs {string.Join(", ", missing)}";
        // The forecast back-test holds out a year and fits the season on the rest, so it needs two years of months.
        var months = Convert.ToInt64(store.Scalar($"SELECT count(DISTINCT month) FROM sv_events WHERE source = {AssessmentStore.Literal(source)}"),
            System.Globalization.CultureInfo.InvariantCulture);
        return months < 24 ? $"needs at least 24 months of {source} events for forecasts (has {months})" : null;
    }
}
