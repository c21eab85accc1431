using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NeedsAssessment.Classify;
using NeedsAssessment.Indicators;
using NeedsAssessment.Statistics;
using NeedsAssessment.Geography;
using NeedsAssessment.Store;

namespace NeedsAssessment.Spatial;

/// <summary>
/// The hot spot stage: reads serious violence events from <c>sv_events</c>, finds hot spots with Gi* on a grid (for the
/// main period and yearly periods, classified over time), local Moran's I on LSOA rates, and kernel densities, and writes
/// the <c>hotspots</c>, <c>hotspot_top</c> and <c>hotspot_parameters</c> tables plus CSV and JSON copies.
/// </summary>
/// <remarks>
/// Filtering, per-LSOA counts and the offence mix of top cells are SQL; only the event coordinates and months come to
/// C#, because Gi*, KDE and the grid need the points themselves.
/// </remarks>
public static class HotspotAnalysis
{
    /// <summary>Columns of the <c>hotspots</c> table and CSV, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["method", "period", "unit_id", "x", "y", "count", "expected", "value", "z", "p", "p_fdr", "class"];

    /// <summary>Columns of the <c>hotspot_top</c> table and CSV, in order.</summary>
    public static IReadOnlyList<string> TopColumns { get; } =
    [
        "rank", "unit_id", "x", "y", "count", "value", "z", "p_fdr", "class", "cluster", "cluster_cells", "cluster_count", "trend",
        "lsoa21_code", "lsoa21_name", "ward_name", "district_name", "centroid_distance_m", "top_offences", "top_offence_group",
    ];

    /// <summary>File names written to the output folder.</summary>
    public const string CsvFile = "hotspots.csv", TopCsvFile = "hotspot-top.csv", ParametersFile = "hotspot-parameters.json";

    /// <summary>Folder, inside a run's output folder, that the pipeline stage and the demo write the files to.</summary>
    public const string OutputSubfolder = "hotspots";

    /// <summary>The method flag for a name used in assessment files and on the command line (gistar, lisa, kde).</summary>
    /// <exception cref="UserErrorException">An unknown name.</exception>
    public static HotspotMethods ParseMethod(string name) => name.Trim().ToLowerInvariant() switch
    {
        "gistar" => HotspotMethods.GiStar,
        "lisa" => HotspotMethods.Lisa,
        "kde" => HotspotMethods.Kde,
        _ => throw new UserErrorException($"Unknown hot spot method '{name}': use gistar, lisa or kde."),
    };

    /// <summary>A one-sentence summary of a run, for the pipeline's progress and manifest.</summary>
    public static string Summary(HotspotRunResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var p = r.Parameters;
        var parts = new List<string>();
        if (r.Main is { } main && p.GiStar is { } gi && p.Grid is { } g)
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{main.Result.GiStar.Values.Count(v => IsHot(v, gi.FdrLevel))} hot {g.CellSize:0.###} m cells in {p.Period} at {gi.FdrLevel:0.##} FDR ({gi.Baseline} baseline)"));
        if (p.Trend is { } t)
            parts.Add(string.Join(", ", t.Counts.Where(kv => kv.Key != "none").Select(kv => $"{kv.Value} {kv.Key}")) + $" over {t.Periods.Count} years");
        if (p.Evaluation is { } e) parts.Add(string.Create(CultureInfo.InvariantCulture, $"PAI {e.PaiNext:F1}, RRI {e.Rri:F2}"));
        if (p.Areas is { } a) parts.Add(string.Create(CultureInfo.InvariantCulture, $"global Moran's I {a.GlobalMoranI:F3}"));
        return (parts.Count == 0 ? "Hot spots written" : string.Join("; ", parts)) + ".";
    }

    /// <summary>JSON options of the parameters file (NaN written as a string, camelCase, indented).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Automatic cell size: one 150th of the shorter side of the events' bounding box, rounded down to a whole 100 m
    /// (a rule of thumb for crime hot spot grids attributed to Spencer Chainey), or the raw value under 100 m.
    /// sfhotspot's one-50th (<see cref="GridCounter.DefaultCellSize"/>) suits a town; over a whole partnership area it
    /// gives cells over a kilometre wide that merge a town centre with hot spots a few streets away.
    /// </summary>
    public static double DefaultCellSize(Extent extent)
    {
        double side = Math.Min(extent.Width, extent.Height);
        if (!(side > 0)) side = Math.Max(extent.Width, extent.Height);
        if (!(side > 0)) return 100.0;
        double raw = side / 150.0;
        double hundreds = Math.Floor(raw / 100.0);
        return hundreds > 0 ? hundreds * 100.0 : raw;
    }

    /// <summary>
    /// Automatic KDE bandwidth: three cells. The rule-of-thumb bandwidth (<see cref="KernelDensity.DefaultBandwidth"/>) is
    /// driven by the spread of the whole area's events, which for a county is kilometres and blurs every town into one
    /// blob; three cells smooths over about the same neighbourhood Gi* looks at.
    /// </summary>
    public static double DefaultBandwidth(double cellSize) => 3.0 * cellSize;

    /// <summary>
    /// Runs the hot spot stage and writes its tables and files. See <see cref="HotspotOptions"/> for every default.
    /// </summary>
    /// <param name="store">Store holding <c>sv_events</c> (and optionally centroids, population, geography).</param>
    /// <param name="options">Options; all defaults when null.</param>
    /// <exception cref="UserErrorException">No sv_events, no events matching the filters, a read-only store, or invalid options.</exception>
    public static HotspotRunResult Run(AssessmentStore store, HotspotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var o = options ?? new HotspotOptions();
        Validate(o);
        if (!store.TableExists("sv_events")) throw new UserErrorException("The store has no sv_events table: run classification first.");
        if (store.ReadOnly) throw new UserErrorException($"Store '{store.Path}' is open read-only; the hot spot stage writes tables.");

        PhaseTrace.Mark("hotspots: start");
        var notes = new List<string>();
        AreaHierarchy.EnsureBuilt(store);
        var filter = BuildFilter(store, o);
        bool grid = o.Methods.HasFlag(HotspotMethods.GiStar) || o.Methods.HasFlag(HotspotMethods.Kde);
        // Area methods also count events without coordinates (e.g. ED attendances), so only grid methods need x and y.
        var periodFilter = grid ? filter.Sql : filter.AreaSql;
        var period = o.Period ?? DefaultPeriod(store, periodFilter);
        var trendPeriods = o.TrendPeriods?.ToArray() ?? DefaultTrendPeriods(store, periodFilter, period, o.MaxTrendPeriods);
        if (trendPeriods.Length < 2 && o.Methods.HasFlag(HotspotMethods.GiStar))
            notes.Add($"Hot spots over time need at least two periods; the data give {trendPeriods.Length} complete year(s), so no trend classification.");

        PhaseTrace.Mark("hotspots: periods");
        var population = LoadPopulation(store);
        if (population.Count == 0) notes.Add("No LSOA centroids with population: Gi* uses raw counts, and LISA and dual KDE are skipped.");

        // Every period's points in one query; C# only splits them by month index.
        var allPeriods = new[] { period }.Concat(trendPeriods).Distinct().ToArray();
        var points = LoadPoints(store, filter.Sql, allPeriods);
        var mainPoints = PointsIn(points, period);
        if (grid && mainPoints.Count == 0) throw new UserErrorException($"No events with coordinates match the filters in {period} ({filter.Sql}).");

        PhaseTrace.Mark("hotspots: population and points read");
        HotspotGridParameters? gridParameters = null;
        HotspotGiStarSettings? giSettings = null;
        HotspotDisclosureSettings? disclosure = null;
        HotspotTrendSettings? trendSettings = null;
        HotspotEvaluationSettings? evalSettings = null;
        HotspotAreaSettings? areaSettings = null;
        HotspotKdeSettings? kdeSettings = null;
        HotspotPeriodResult? main = null;
        var trendResults = ImmutableArray<HotspotPeriodResult>.Empty;
        HotspotClassifyResult? trend = null;
        HotspotEvaluationResult? evaluation = null;
        LocalMoranResult? lisa = null;
        GlobalMoranResult? globalMoran = null;
        var lisaUnits = ImmutableArray<string>.Empty;
        KernelDensityResult? kde = null;
        DualKernelDensityResult? dualKde = null;
        var rows = new List<HotspotRow>();
        var top = ImmutableArray<HotspotTopEntry>.Empty;

        Extent? extent = null;
        double cellSize = 0;
        bool[] analysed = [];
        if (grid)
        {
            // The grid covers the area (its LSOAs' population-weighted centroids) and its events, not the events alone: a
            // stray record far away must not stretch the grid, and the cell size depends on the area, not on the data.
            var raw = Extent.Of(points.Select(p => p.Point).Concat(AreaCentroids(store)).ToArray());
            cellSize = o.CellSize ?? DefaultCellSize(raw);
            // Snapping the grid to whole cells of the national grid makes cell ids the same in every run and dataset.
            var snapped = new Extent(
                Math.Floor(raw.MinX / cellSize) * cellSize, Math.Floor(raw.MinY / cellSize) * cellSize,
                Math.Max(Math.Ceiling(raw.MaxX / cellSize), Math.Floor(raw.MinX / cellSize) + 1) * cellSize,
                Math.Max(Math.Ceiling(raw.MaxY / cellSize), Math.Floor(raw.MinY / cellSize) + 1) * cellSize);
            extent = snapped;
            var probe = GridCounter.Count([], cellSize, snapped);
            analysed = AnalysedCells(store, probe, points.Select(p => p.Point).ToList(), out var analysedRule);
            PhaseTrace.Mark("hotspots: analysed cells");
            gridParameters = new HotspotGridParameters(cellSize, o.CellSize is null,
                "shorter side of the bounding box of the partnership area's LSOA centroids and its events / 150, rounded down to 100 m (Chainey's rule of thumb for crime grids)",
                snapped.MinX, snapped.MinY, snapped.MaxX, snapped.MaxY, probe.Parameters.Columns, probe.Parameters.Rows,
                "E{easting}N{northing} of the cell's south-west corner; the grid is aligned to whole multiples of the cell size",
                analysed.Count(a => a), analysedRule);
        }

        if (o.Methods.HasFlag(HotspotMethods.GiStar))
        {
            var ext = extent!.Value;
            bool usePopulation = o.Baseline switch
            {
                HotspotBaseline.Counts => false,
                HotspotBaseline.Population when population.Count == 0 =>
                    throw new UserErrorException("Baseline 'population' needs LSOA centroids and population in the store."),
                _ => population.Count > 0,
            };
            double band = o.NeighbourDistance ?? cellSize * Math.Sqrt(2.0);
            var emptyGrid = GridCounter.Count([], cellSize, ext);
            // Gi* runs over the cells inside the area only: cells over the sea or a neighbouring authority would enter
            // the mean and variance as empty cells and dilute every z.
            var inside = Enumerable.Range(0, analysed.Length).Where(i => analysed[i]).ToArray();
            var allCentres = emptyGrid.Centres();
            var weights = SpatialWeights.DistanceBand(inside.Select(i => allCentres[i]).ToArray(), band, includeSelf: true);
            var residents = usePopulation ? ResidentsPerCell(emptyGrid, population, inside) : null;
            var analysedFlags = analysed.ToImmutableArray();

            HotspotPeriodResult GiFor(MonthPeriod p)
            {
                var grid = GridCounter.Count(PointsIn(points, p), cellSize, ext);
                var counts = grid.Counts();
                var values = inside.Select(i => counts[i]).ToArray();
                double total = values.Sum();
                var expected = new double[values.Length];
                if (residents is not null)
                {
                    double people = residents.Sum();
                    for (int i = 0; i < values.Length; i++) expected[i] = residents[i] * total / people;
                }
                // Gi* runs on what is published: a hidden count enters as the mean of the period's hidden counts (the
                // period total minus the visible counts, shared out, which the files already imply), so the published
                // values reproduce every z and value + expected never gives a hidden count.
                var hidden = SmallNumberSuppression.HideCounts(values.Select(v => (double?)v).ToArray(), o.Suppression);
                int k = hidden.Count(h => h);
                double standIn = k == 0 ? 0 : Enumerable.Range(0, values.Length).Where(i => hidden[i]).Sum(i => values[i]) / k;
                for (int i = 0; i < values.Length; i++) values[i] = (hidden[i] ? standIn : values[i]) - expected[i];
                var sub = GetisOrdGiStar.Compute(values, weights);
                // Back to grid order: a cell outside the area has no value and no statistic.
                var fullValues = Enumerable.Repeat(double.NaN, counts.Length).ToArray();
                var fullExpected = new double[counts.Length];
                var fullHidden = new bool[counts.Length];
                var fullGi = Enumerable.Repeat(new GiStarValue(double.NaN, double.NaN, double.NaN, HotspotClass.None), counts.Length).ToArray();
                for (int j = 0; j < inside.Length; j++)
                {
                    fullValues[inside[j]] = values[j];
                    fullExpected[inside[j]] = expected[j];
                    fullHidden[inside[j]] = hidden[j];
                    fullGi[inside[j]] = sub.Values[j];
                }
                var gi = sub with { Values = [.. fullGi] };
                return new HotspotPeriodResult(p, new HotspotGiStarResult(new HotspotGiStarParameters(band, o.NeighbourDistance is null), grid, gi) { Analysed = analysedFlags }, [.. fullValues],
                    [.. fullExpected], [.. fullHidden], standIn, analysedFlags);
            }

            var cache = allPeriods.ToDictionary(p => p, GiFor);
            PhaseTrace.Mark($"hotspots: Gi* for {allPeriods.Length} periods");
            main = cache[period];
            trendResults = trendPeriods.Select(p => cache[p]).ToImmutableArray();
            foreach (var r in cache.Values.OrderBy(r => r.Period.From)) rows.AddRange(GiRows(r));

            giSettings = new HotspotGiStarSettings(
                usePopulation ? "population" : "counts",
                usePopulation
                    ? "value = observed - expected (a suppressed observed count enters as the period's stand-in, see disclosure); expected = cell residents x (period events / all residents); each LSOA's residents spread evenly over the grid cells whose centre is nearest its population-weighted centroid (an LSOA owning no cell centre puts them in the cell holding its centroid)"
                    : "value = event count (a suppressed count enters as the period's stand-in, see disclosure); expected = 0",
                "distance band between cell centres, each cell its own neighbour", band, o.NeighbourDistance is null,
                nameof(WeightsStyle.Binary), true, "Benjamini-Hochberg over all cells of the period", o.FdrLevel,
                "hot/cold by sign of z; 99/95/90 when p_fdr < 0.01/0.05/0.10 (ArcGIS Gi_Bin); a hot spot is z > 0 and p_fdr < fdrLevel",
                cache.Values.OrderBy(r => r.Period.From).ToDictionary(r => r.Period.ToString(), r => r.Result.Grid.Cells.Sum(c => c.Count)),
                RecomputeRecipe(band));
            disclosure = new HotspotDisclosureSettings(o.Suppression.Name, o.Suppression.HideFrom, o.Suppression.HideTo,
                DisclosureRule(o.Suppression),
                cache.Values.OrderBy(r => r.Period.From).ToDictionary(r => r.Period.ToString(), r => r.Hidden.Count(h => h)),
                cache.Values.OrderBy(r => r.Period.From).ToDictionary(r => r.Period.ToString(), r => r.StandIn));

            if (trendPeriods.Length >= 2)
            {
                var hot = trendResults.Select(r => (IReadOnlyList<bool>)r.Result.GiStar.Values.Select(v => IsHot(v, o.FdrLevel)).ToArray()).ToArray();
                // Only hot spots are trended: a former hot spot that later falls below what its residents predict is still a
                // former hot spot, whereas combining hot and cold flags would call it "mixed".
                var cold = hot.Select(h => (IReadOnlyList<bool>)new bool[h.Count]).ToArray();
                trend = HotspotClassifier.Classify(hot, cold, o.TrendHotspotProportion, o.TrendPersistentProportion, o.TrendRecentProportion, o.FdrLevel);
                var trendPeriod = new MonthPeriod(trendPeriods[0].From, trendPeriods[^1].To).ToString();
                rows.AddRange(TrendRows(trendResults, trend, trendPeriod, o.Suppression));
                trendSettings = new HotspotTrendSettings(
                    trendPeriods.Select(p => p.ToString()).ToArray(), o.TrendHotspotProportion, o.TrendPersistentProportion, o.TrendRecentProportion,
                    trend.Parameters.RecentPeriods, o.FdrLevel,
                    "Chainey 2020 / sfhotspot hotspot_classify on hot flags only (z > 0 and p_fdr < criticalP per period): persistent if share hot >= persistentProportion; emerging if earlier share < hotspotProportion and recent share >= recentProportion; former if earlier share >= hotspotProportion and recent share < hotspotProportion; intermittent if share >= hotspotProportion",
                    trend.Cells.Where((_, i) => analysed[i]).GroupBy(c => TrendClass(c.Trend)).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()));

                var found = trendResults[^2];
                var next = trendResults[^1];
                // The area share of the hot spots (PAI's denominator) is of the cells inside the area.
                evaluation = HotspotEvaluation.Evaluate(
                    inside.Select(i => IsHot(found.Result.GiStar.Values[i], o.FdrLevel)).ToArray(),
                    inside.Select(i => (double)found.Result.Grid.Cells[i].Count).ToArray(), inside.Select(i => (double)next.Result.Grid.Cells[i].Count).ToArray());
                evalSettings = new HotspotEvaluationSettings(found.Period.ToString(), next.Period.ToString(),
                    $"Gi* z > 0 and p_fdr < {o.FdrLevel.ToString(CultureInfo.InvariantCulture)} in the found period",
                    evaluation.HotspotCells, evaluation.AreaShare, evaluation.EventsFound, evaluation.EventsInHotspotsFound,
                    evaluation.EventsNext, evaluation.EventsInHotspotsNext, evaluation.PaiFound, evaluation.PaiNext, evaluation.Rri);
            }
        }

        PhaseTrace.Mark("hotspots: trends, evaluation");
        if (o.Methods.HasFlag(HotspotMethods.Lisa))
        {
            var areas = LoadAreaCounts(store, filter, period, population);
            if (areas.Count > o.AreaNeighbours && areas.Count >= 4)
            {
                var centres = areas.Select(a => new SpatialPoint(a.X, a.Y)).ToArray();
                var w = SpatialWeights.KNearest(centres, o.AreaNeighbours, includeSelf: false, style: WeightsStyle.RowStandardised);
                var values = areas.Select(a => o.AreaRates ? a.Count / a.Population * 1000.0 : a.Count).ToArray();
                lisa = LocalMoran.Compute(values, w, conditional: true, Alternative.TwoSided, o.LisaPermutations, o.Seed, o.FdrLevel);
                globalMoran = GlobalMoran.Compute(values, w);
                lisaUnits = areas.Select(a => a.Code).ToImmutableArray();
                var lisaRows = LisaRows(areas, values, w, lisa, period.ToString(), o.FdrLevel, o.Suppression);
                rows.AddRange(lisaRows);
                areaSettings = new HotspotAreaSettings(areas.Count,
                    o.AreaRates ? "events per 1,000 residents" : "events",
                    population.Source, "k nearest LSOA centroids", o.AreaNeighbours, nameof(WeightsStyle.RowStandardised), true,
                    o.LisaPermutations, o.Seed, o.FdrLevel, globalMoran.I, globalMoran.Expected, globalMoran.ZRandomisation, globalMoran.PRandomisation,
                    lisaRows.GroupBy(r => r.Class).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()));
            }
            else notes.Add($"LISA needs more than {o.AreaNeighbours} LSOAs with centroids and residents; found {areas.Count}.");
        }

        PhaseTrace.Mark("hotspots: LISA");
        if (o.Methods.HasFlag(HotspotMethods.Kde))
        {
            var ext = extent!.Value;
            double h = o.Bandwidth ?? DefaultBandwidth(cellSize);
            kde = KernelDensity.Estimate(mainPoints, cellSize, h, 1.0, ext);
            // KDE counts are the main period's grid counts: the same cells are hidden as in its Gi* rows, so the two
            // methods cannot be differenced.
            var shown = DensityCounts(main, kde.Cells.Select(c => (double)c.Count).ToArray(), o.Suppression);
            bool Inside(int i) => analysed.Length != kde.Cells.Length || analysed[i];
            rows.AddRange(DensityRows("kde", period.ToString(), kde.Cells.Select((c, i) => (c.Id, c.X, c.Y, (double)c.Count, shown[i], (double?)c.Density)).Where((_, i) => Inside(i)), cellSize));
            double? popH = null, floor = null;
            if (population.Count > 0)
            {
                popH = o.PopulationBandwidth ?? h;
                var popPoints = population.Select(p => new SpatialPoint(p.X, p.Y)).ToArray();
                var popWeights = population.Select(p => p.Residents).ToArray();
                // Kernel tails far from anyone give near-zero denominators and absurd risks, so risk needs at least 1% of the
                // peak residential density.
                var popDensity = KernelDensity.Evaluate(popPoints, popWeights, kde.Cells.Select(c => new SpatialPoint(c.X, c.Y)).ToArray(), popH.Value);
                floor = popDensity.Length == 0 ? 0.0 : popDensity.Max() * 0.01;
                dualKde = DualKernelDensity.Estimate(mainPoints, popPoints, cellSize, h, popH, 1.0, ext, null, popWeights, floor);
                rows.AddRange(DensityRows("dual_kde", period.ToString(),
                    dualKde.Cells.Select((c, i) => (c.Id, c.X, c.Y, (double)c.Count, shown[i], c.Risk * 1000.0)).Where((_, i) => Inside(i)), cellSize));
            }
            kdeSettings = new HotspotKdeSettings("quartic", h, o.Bandwidth is null, "3 x cell size", popH,
                population.Count > 0 ? population.Source + " at LSOA population-weighted centroids, weighted by residents" : null, floor);
        }

        PhaseTrace.Mark("hotspots: KDE and dual KDE");
        rows.Sort(CompareRows);
        var methods = Enum.GetValues<HotspotMethods>().Where(m => m is not HotspotMethods.None and not HotspotMethods.All && o.Methods.HasFlag(m))
            .Select(m => m.ToString().ToLowerInvariant()).ToArray();
        var topRule = (o.TopOnePerCluster ? "the peak cell of each cluster of touching (queen) " : "") + "main-period Gi* hot spots (z > 0, p_fdr < fdrLevel) ranked by z, then count, then unit id; names from the LSOA whose population-weighted centroid is nearest the cell centre (a proxy for the LSOA containing it); offences are the events of the main period in the cell";
        var parameters = new HotspotParameters(EngineInfo.Version, methods, period.ToString(), filter.Parameters,
            gridParameters, giSettings, trendSettings, evalSettings, areaSettings, kdeSettings, o.TopN, topRule, notes,
            disclosure ?? new HotspotDisclosureSettings(o.Suppression.Name, o.Suppression.HideFrom, o.Suppression.HideTo, DisclosureRule(o.Suppression),
                new Dictionary<string, int>(), new Dictionary<string, double>()));

        using (var tx = store.Connection.BeginTransaction())
        {
            WriteRows(store, rows);
            PhaseTrace.Mark($"hotspots: {rows.Count:N0} rows written");
            if (main is not null) top = BuildTop(store, filter.Sql, period, main, trend, gridParameters!, o);
            PhaseTrace.Mark("hotspots: top built");
            WriteTop(store, top);
            store.Execute("DROP TABLE IF EXISTS hotspot_parameters");
            store.Execute($"CREATE TABLE hotspot_parameters AS SELECT {AssessmentStore.Literal(JsonSerializer.Serialize(parameters, JsonOptions))} AS parameters_json");
            WriteClasses(store);
            WriteEvaluation(store, evalSettings, o.Suppression);
            PhaseTrace.Mark("hotspots: classes, evaluation");
            tx.Commit();
        }
        PhaseTrace.Mark("hotspots: tables written");
        o.TablesWritten?.Invoke();

        string? csv = null, topCsv = null, json = null;
        var folder = o.OutputFolder ?? (store.Path == ":memory:" || string.IsNullOrEmpty(store.Path) ? null : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(store.Path))!, "hotspots"));
        if (folder is not null) (csv, topCsv, json) = Export(store, folder, parameters);
        PhaseTrace.Mark("hotspots: files written");

        return new HotspotRunResult(parameters, main, trendResults, trend, evaluation, lisa, lisaUnits, globalMoran, kde, dualKde,
            top, [.. rows], csv, topCsv, json);
    }

    /// <summary>Rebuilds the rows, top list and parameters of the last run from the store, for charts.</summary>
    /// <param name="store">Store the stage wrote to.</param>
    /// <exception cref="UserErrorException">The store has no <c>hotspots</c> table.</exception>
    public static HotspotReadResult Read(AssessmentStore store) => ReadRows(store, mapped: false);

    /// <summary>
    /// <see cref="Read(AssessmentStore)"/> with only the rows the report draws: Gi* of the main period, LISA and KDE.
    /// The trend periods' Gi*, the trend classes and the dual KDE are most of the table (three quarters on the demo) and
    /// the report shows none of them row by row. The top list, parameters and class counts are read whole.
    /// </summary>
    /// <param name="store">Store the stage wrote to.</param>
    /// <exception cref="UserErrorException">The store has no <c>hotspots</c> table.</exception>
    public static HotspotReadResult ReadMapped(AssessmentStore store) => ReadRows(store, mapped: true);

    private static HotspotReadResult ReadRows(AssessmentStore store, bool mapped)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!store.TableExists("hotspots")) throw new UserErrorException("The store has no hotspots table: run the hot spot stage first.");
        static double? D(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);
        static string? S(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
        HotspotParameters? parameters = null;
        if (store.TableExists("hotspot_parameters") && store.ScalarOrNull("SELECT parameters_json FROM hotspot_parameters LIMIT 1") is string json)
            parameters = JsonSerializer.Deserialize<HotspotParameters>(json, JsonOptions);
        var where = !mapped ? ""
            : $" WHERE method IN ('lisa', 'kde') OR (method = 'gistar' AND period = {AssessmentStore.Literal(parameters?.Period ?? "")})";
        var rows = store.Query($"SELECT {string.Join(", ", Columns)} FROM hotspots{where} ORDER BY method, period, unit_id", r => new HotspotRow(
            r.GetString(0), r.GetString(1), r.GetString(2), D(r, 3)!.Value, D(r, 4)!.Value, D(r, 5),
            D(r, 6), D(r, 7), D(r, 8), D(r, 9), D(r, 10), r.GetString(11)));
        var top = store.TableExists("hotspot_top")
            ? store.Query($"SELECT {string.Join(", ", TopColumns)} FROM hotspot_top ORDER BY rank", r => new HotspotTopEntry(
                Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), r.GetString(1), D(r, 2)!.Value, D(r, 3)!.Value, D(r, 4),
                D(r, 5)!.Value, D(r, 6)!.Value, D(r, 7)!.Value, r.GetString(8), Convert.ToInt32(r.GetValue(9), CultureInfo.InvariantCulture),
                Convert.ToInt32(r.GetValue(10), CultureInfo.InvariantCulture), D(r, 11),
                S(r, 12), S(r, 13), S(r, 14), S(r, 15), S(r, 16), D(r, 17), S(r, 18), S(r, 19)))
            : [];
        return new HotspotReadResult([.. rows], [.. top], parameters) { Classes = ResultTable<HotspotClassCount>.Read(store, ClassesTable) };
    }

    /// <summary>Name of the table of PAI and RRI.</summary>
    public const string EvaluationTable = "hotspot_evaluation";

    /// <summary>Reads <c>hotspot_evaluation</c>; empty when the store has none or the trend did not run.</summary>
    public static IReadOnlyList<HotspotEvaluationRow> ReadEvaluation(AssessmentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.TableExists(EvaluationTable) ? ResultTable<HotspotEvaluationRow>.Read(store, EvaluationTable) : [];
    }

    // The parameters' evaluation as a table, so the report prints the stage's PAI and RRI rather than parsing JSON.
    private static void WriteEvaluation(AssessmentStore store, HotspotEvaluationSettings? e, SuppressionPolicy policy)
    {
        static double? F(double v) => double.IsFinite(v) ? v : null;
        double? Shown(double v) => policy.Hides(v) ? null : v;
        var rows = e is null ? [] : new[]
        {
            new HotspotEvaluationRow(e.FoundPeriod, e.NextPeriod, e.HotspotRule, e.HotspotCells, e.AreaShare,
                Shown(e.EventsFound), Shown(e.EventsInHotspotsFound), Shown(e.EventsNext), Shown(e.EventsInHotspotsNext), F(e.PaiFound), F(e.PaiNext), F(e.Rri)),
        };
        ResultTable<HotspotEvaluationRow>.Write(store, EvaluationTable, rows);
    }

    /// <summary>Name of the table of units per class.</summary>
    public const string ClassesTable = "hotspot_classes";

    // Counted here, once, so the map's legend and data table print the stage's numbers rather than counting cells themselves.
    private static void WriteClasses(AssessmentStore store)
    {
        var rows = store.Query("""
            SELECT method, period, class, count(*)::BIGINT, 100.0 * count(*) / sum(count(*)) OVER (PARTITION BY method, period)
            FROM hotspots GROUP BY method, period, class ORDER BY method, period, class
            """, r => new HotspotClassCount(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetDouble(4)));
        ResultTable<HotspotClassCount>.Write(store, ClassesTable, rows);
    }

    /// <summary>The hot spot class name written to the table.</summary>
    public static string ClassName(HotspotClass c) => c.ToString().ToLowerInvariant();

    /// <summary>The over-time class name written to the table (persistent, emerging, former, intermittent, none, ...).</summary>
    public static string TrendClass(HotspotTrend t) => t switch
    {
        HotspotTrend.None => "none",
        HotspotTrend.PersistentHotspot => "persistent",
        HotspotTrend.EmergingHotspot => "emerging",
        HotspotTrend.FormerHotspot => "former",
        HotspotTrend.IntermittentHotspot => "intermittent",
        HotspotTrend.Mixed => "mixed",
        _ => t.ToString().Replace("Coldspot", "_coldspot", StringComparison.Ordinal).ToLowerInvariant(),
    };

    private static bool IsHot(GiStarValue v, double fdr) => v.Z > 0 && v.PAdjusted < fdr;

    private static string DisclosureRule(SuppressionPolicy p) => p.HideTo <= 0
        ? "none: every count is published (for analysts inside the partnership, never for publication); Gi* runs on the exact counts"
        : $"counts {p.HideFrom}-{p.HideTo} are published as empty (count NULL) in every table and file (hotspots, hotspot_top, offence counts, LISA counts and rates), with secondary suppression (NeedsAssessment.Indicators.SmallNumberSuppression.HideCounts) so that no group total minus its visible counts gives one hidden count. " +
          "Gi* is computed on what is published: each hidden cell enters with the stand-in count of its period (standInByPeriod: the mean of that period's hidden counts, which the period total in giStar.pointsByPeriod minus the visible counts already implies), so value = stand-in - expected for hidden cells and value + expected never gives a hidden count, while every published z is reproduced exactly from value. " +
          "Rounding expected would not protect a count (an integer is recovered from value + expected rounded to within 0.5), which is why the analysed value itself is coarsened.";

    private static string RecomputeRecipe(double distance)
    {
        var band = distance.ToString("R", CultureInfo.InvariantCulture);
        return $"Take the method = 'gistar' rows of one period from hotspots.csv (every cell of the grid, in any order); value is the analysed value. Neighbours: cells whose centres (x, y) lie within neighbourDistance = {band} m of each other (the eight surrounding cells), each cell its own neighbour, binary weights. Gi* z = (sum_j w_ij value_j - mean * W_i) / (s * sqrt((n * W_i - W_i^2) / (n - 1))), s the population standard deviation (divide by n) of value over the n cells. " +
        $"R: d <- data.table::fread('hotspots.csv')[method == 'gistar' & period == P]; nb <- spdep::include.self(spdep::dnearneigh(as.matrix(d[, .(x, y)]), 0, {band} * (1 + 1e-9))); z <- as.numeric(spdep::localG(d$value, spdep::nb2listw(nb, style = 'B'))). " +
        "PySAL: esda.G_Local(value, libpysal.weights.DistanceBand(xy, threshold, binary=True), star=True, transform='B').Zs. p = two-sided normal; p_fdr = Benjamini-Hochberg over the period's cells.";
    }

    internal static void Validate(HotspotOptions o)
    {
        if (!(o.FdrLevel > 0 && o.FdrLevel < 1)) throw new UserErrorException($"The FDR level must lie between 0 and 1, not {o.FdrLevel}.");
        if (o.CellSize is { } c && !(c > 0 && double.IsFinite(c))) throw new UserErrorException($"The cell size must be positive, not {c}.");
        if (o.NeighbourDistance is { } d && !(d > 0 && double.IsFinite(d))) throw new UserErrorException($"The neighbour distance must be positive, not {d}.");
        if (o.Bandwidth is { } b && !(b > 0)) throw new UserErrorException($"The bandwidth must be positive, not {b}.");
        if (o.PopulationBandwidth is { } pb && !(pb > 0)) throw new UserErrorException($"The population bandwidth must be positive, not {pb}.");
        if (o.AreaNeighbours < 1) throw new UserErrorException("At least one area neighbour is needed.");
        if (o.TopN < 0) throw new UserErrorException("The top list length cannot be negative.");
        if (o.MaxTrendPeriods < 2) throw new UserErrorException("At least two trend periods are needed.");
        if (o.TrendPeriods is { } tp)
            for (int i = 1; i < tp.Count; i++)
                if (tp[i].From <= tp[i - 1].To) throw new UserErrorException("Trend periods must be in time order and must not overlap.");
    }

    internal sealed record Filter(string Sql, string AreaSql, HotspotFilterParameters Parameters, Func<string, string> AreaSqlFor);

    internal static Filter BuildFilter(AssessmentStore store, HotspotOptions o)
    {
        var leftOut = new List<string>();
        IReadOnlyList<string> sources;
        string inDef = o.InDefinitionOnly ? " AND in_definition" : "";
        if (o.Sources is { Count: > 0 } given) sources = given.Distinct().Order(StringComparer.Ordinal).ToArray();
        else
        {
            var withXy = store.Query($"SELECT DISTINCT source FROM sv_events WHERE x IS NOT NULL AND y IS NOT NULL{inDef} ORDER BY source", r => r.GetString(0));
            var counted = PoliceSource.Counted(store);
            sources = PoliceSource.Filter(withXy, counted);
            if (withXy.Contains(PoliceSource.LeftOut(counted)))
                leftOut.Add($"{PoliceSource.LeftOut(counted)}: not counted beside {counted}, because {PoliceSource.Reason}");
        }
        if (sources.Count == 0) throw new UserErrorException("No source in sv_events has events with coordinates; name sources to use.");
        // Built for a column prefix so the same condition serves plain queries and joins.
        string AreaFor(string a)
        {
            var sb = new StringBuilder($"{a}source IN ({string.Join(", ", sources.Select(AssessmentStore.Literal))})");
            if (o.InDefinitionOnly) sb.Append($" AND {a}in_definition");
            // Only the partnership's area is analysed; records outside it are counted under data quality.
            if (store.TableExists(AreaHierarchy.Table)) sb.Append($" AND {AreaHierarchy.InArea(a + "lsoa21_code")}");
            if (o.Categories is { Count: > 0 } cats) sb.Append($" AND {a}category IN ({string.Join(", ", cats.Distinct().Order(StringComparer.Ordinal).Select(AssessmentStore.Literal))})");
            return sb.ToString();
        }
        var area = AreaFor("");
        var points = "x IS NOT NULL AND y IS NOT NULL AND " + area;
        var def = store.Query($"SELECT definition_name, definition_version FROM sv_events WHERE {area} GROUP BY ALL ORDER BY count(*) DESC, 1, 2 LIMIT 1",
            r => (r.IsDBNull(0) ? null : r.GetValue(0).ToString(), r.IsDBNull(1) ? null : r.GetValue(1).ToString()));
        var (name, version) = def.Count > 0 ? def[0] : (null, null);
        return new Filter(points, area, new HotspotFilterParameters(sources, leftOut,
            o.Categories is { Count: > 0 } c2 ? c2.Distinct().Order(StringComparer.Ordinal).ToArray() : null, o.InDefinitionOnly, name, version, points), AreaFor);
    }

    internal static DateOnly? MonthOrNull(object? v) => v switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        null => null,
        _ => DateOnly.FromDateTime(Convert.ToDateTime(v, CultureInfo.InvariantCulture)),
    };

    /// <summary>
    /// The main period when none is given: the 12 months ending with the last month that has events, shortened to the
    /// unbroken run of months with events that ends there. A published extract with gaps (police.uk months a year
    /// apart) would otherwise be labelled and mapped as twelve months of which most hold nothing.
    /// </summary>
    internal static MonthPeriod DefaultPeriod(AssessmentStore store, string filter)
    {
        var months = store.Query($"SELECT DISTINCT year(month) * 12 + month(month) - 1 FROM sv_events WHERE {filter} AND month IS NOT NULL",
            r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture)).ToHashSet();
        if (months.Count == 0) throw new UserErrorException($"No events match the filters ({filter}).");
        return LatestCoveredYear(months);
    }

    /// <summary>The 12 months ending with the latest of <paramref name="monthIndexes"/>, cut at the first month without data.</summary>
    internal static MonthPeriod LatestCoveredYear(IReadOnlySet<int> monthIndexes)
    {
        var last = monthIndexes.Max();
        var first = last;
        while (last - first < 11 && monthIndexes.Contains(first - 1)) first--;
        return new MonthPeriod(MonthPeriod.FromIndex(first), MonthPeriod.FromIndex(last));
    }

    private static MonthPeriod[] DefaultTrendPeriods(AssessmentStore store, string filter, MonthPeriod main, int max)
    {
        // Only years with events in every month count: published extracts often have gaps (a few months a year
        // apart), and a year with missing months would read as a fall and invent former or emerging hot spots.
        var months = store.Query($"SELECT DISTINCT year(month) * 12 + month(month) - 1 FROM sv_events WHERE {filter}",
            r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture)).ToHashSet();
        var list = new List<MonthPeriod>();
        int end = MonthPeriod.Index(main.To);
        while (list.Count < max && Enumerable.Range(end - 11, 12).All(months.Contains))
        {
            list.Add(MonthPeriod.Ending(MonthPeriod.FromIndex(end), 12));
            end -= 12;
        }
        list.Reverse();
        return [.. list];
    }

    internal readonly record struct MonthPoint(SpatialPoint Point, int Month);

    internal static List<MonthPoint> LoadPoints(AssessmentStore store, string filter, IReadOnlyList<MonthPeriod> periods)
    {
        var from = periods.Min(p => p.From);
        var to = periods.Max(p => p.To);
        var range = new MonthPeriod(from, to).SqlCondition("month");
        // Sorted by record identity so KDE sums run in the same order every time.
        return store.Query(
            $"SELECT x, y, year(month) * 12 + month(month) - 1 FROM sv_events WHERE {filter} AND {range} ORDER BY source, source_load_id, source_row",
            r => new MonthPoint(new SpatialPoint(r.GetDouble(0), r.GetDouble(1)), Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture)));
    }

    private static List<SpatialPoint> PointsIn(List<MonthPoint> points, MonthPeriod period) =>
        points.Where(p => period.Contains(p.Month)).Select(p => p.Point).ToList();

    internal sealed record AreaPopulation(string Code, double X, double Y, double Residents);

    internal sealed class PopulationSet : List<AreaPopulation>
    {
        public string Source { get; init; } = "";
    }

    /// <summary>Population-weighted centroids of the partnership's LSOAs (empty without centroids or an area).</summary>
    internal static SpatialPoint[] AreaCentroids(AssessmentStore store) =>
        store.TableExists("centroids") && store.TableExists(AreaHierarchy.Table)
            ? store.Query($"""
                SELECT min(x), min(y) FROM centroids
                WHERE x IS NOT NULL AND y IS NOT NULL AND {AreaHierarchy.InArea("upper(trim(lsoa21_code))")} GROUP BY upper(trim(lsoa21_code)) ORDER BY 1, 2
                """, r => new SpatialPoint(r.GetDouble(0), r.GetDouble(1))).ToArray()
            : [];

    internal static PopulationSet LoadPopulation(AssessmentStore store)
    {
        if (!store.TableExists("centroids")) return new PopulationSet();
        if (Residents.Find(store) is not { } residents) return new PopulationSet();
        var (popSql, source) = (residents.Sql, residents.Source);
        var rows = store.Query($"""
            WITH c AS (SELECT lsoa21_code, min(x) AS x, min(y) AS y FROM {ReferenceLoads.LatestRow("centroids", where: "x IS NOT NULL AND y IS NOT NULL")} GROUP BY lsoa21_code),
                 p AS ({popSql})
            SELECT c.lsoa21_code, c.x, c.y, p.residents FROM c JOIN p USING (lsoa21_code)
            WHERE p.residents > 0{(store.TableExists(AreaHierarchy.Table) ? " AND " + AreaHierarchy.InArea("c.lsoa21_code") : "")} ORDER BY c.lsoa21_code
            """, r => new AreaPopulation(r.GetString(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3)));
        var set = new PopulationSet { Source = source };
        set.AddRange(rows);
        return set;
    }

    // Residents per analysed cell (in the order of inside): each LSOA's residents spread evenly over the analysed cells
    // whose centre is nearest its centroid; an LSOA owning none puts them in the analysed cell nearest its centroid.
    private static double[] ResidentsPerCell(GridCountResult grid, PopulationSet population, int[] inside)
    {
        var all = grid.Centres();
        var cells = inside.Select(i => all[i]).ToArray();
        var tree = new KdTree(population.Select(p => new SpatialPoint(p.X, p.Y)).ToArray());
        var owner = new int[cells.Length];
        var owned = new int[population.Count];
        for (int i = 0; i < cells.Length; i++) { owner[i] = tree.Nearest(cells[i].X, cells[i].Y, 1)[0]; owned[owner[i]]++; }
        var residents = new double[cells.Length];
        for (int i = 0; i < cells.Length; i++) residents[i] = population[owner[i]].Residents / owned[owner[i]];
        KdTree? cellTree = null;
        for (int a = 0; a < population.Count; a++)
        {
            if (owned[a] > 0) continue;
            // An LSOA smaller than a cell may own no cell centre (the nearest centre is that of the cell holding it).
            cellTree ??= new KdTree(cells);
            var p = population[a];
            residents[cellTree.Nearest(p.X, p.Y, 1)[0]] += p.Residents;
        }
        return residents;
    }

    /// <summary>
    /// Which cells of the grid lie inside the partnership's area, and any cell holding an event. With boundaries for
    /// (nearly) every LSOA of the area, a cell is inside when its centre lies in their union. Otherwise a cell is inside
    /// when its centre is nearer one of the area's LSOA population-weighted centroids than any other LSOA's loaded
    /// (the Voronoi cells of the centroids approximate the LSOAs' shapes) and no farther from it than twice the widest
    /// spacing between neighbouring area centroids, so the sea and the land beyond an area loaded without national
    /// centroids stay out.
    /// </summary>
    internal static bool[] AnalysedCells(AssessmentStore store, GridCountResult grid, IReadOnlyList<SpatialPoint> events, out string rule)
    {
        var cells = grid.Centres();
        var analysed = new bool[cells.Length];
        PhaseTrace.Mark("hotspots: grid probe");
        if (InsideBoundaries(store, cells, analysed) is { } boundaryRule)
        {
            MarkEventCells(grid, events, analysed);
            rule = boundaryRule;
            return analysed;
        }
        var centroids = store.TableExists("centroids")
            ? store.Query($"""
                SELECT min(x), min(y), bool_or({(store.TableExists(AreaHierarchy.Table) ? AreaHierarchy.InArea("lsoa21_code") : "true")}) FROM {ReferenceLoads.LatestRow("centroids", where: "x IS NOT NULL AND y IS NOT NULL AND lsoa21_code IS NOT NULL")}
                GROUP BY upper(trim(lsoa21_code)) ORDER BY 1, 2
                """, r => (Point: new SpatialPoint(r.GetDouble(0), r.GetDouble(1)), InArea: r.GetBoolean(2)))
            : [];
        var area = centroids.Where(c => c.InArea).Select(c => c.Point).ToArray();
        if (area.Length < 2)
        {
            Array.Fill(analysed, true);
            rule = "every cell of the grid (fewer than two LSOA centroids of the area to place it)";
            return analysed;
        }
        var areaTree = new KdTree(area);
        double spacing = 0;
        for (int i = 0; i < area.Length; i++)
        {
            var j = areaTree.Nearest(area[i].X, area[i].Y, 1, exclude: i)[0];
            spacing = Math.Max(spacing, Distance(area[i], area[j]));
        }
        double reach = Math.Max(2 * spacing, grid.Parameters.CellSize);
        var tree = new KdTree(centroids.Select(c => c.Point).ToArray());
        for (int i = 0; i < cells.Length; i++)
        {
            var j = tree.Nearest(cells[i].X, cells[i].Y, 1)[0];
            analysed[i] = centroids[j].InArea && Distance(cells[i], centroids[j].Point) <= reach;
        }
        MarkEventCells(grid, events, analysed);
        rule = string.Create(CultureInfo.InvariantCulture,
            $"cells whose centre is nearest one of the area's {area.Length:N0} LSOA population-weighted centroids (of the {centroids.Count:N0} loaded) and within {reach:0} m of it (twice the widest spacing between neighbouring area centroids), and every cell holding an event");
        return analysed;
    }

    // Marks the cells whose centre lies in the union of the area's LSOA boundaries; null (nothing marked) unless
    // boundaries were read for at least 95% of the area's LSOAs.
    private static string? InsideBoundaries(AssessmentStore store, SpatialPoint[] cells, bool[] analysed)
    {
        if (!store.TableExists("boundaries") || !store.TableExists(AreaHierarchy.Table)) return null;
        long lsoas = Convert.ToInt64(store.Scalar($"SELECT count(*) FROM {AreaHierarchy.Table}"), CultureInfo.InvariantCulture);
        if (lsoas == 0) return null;
        // The area stage's shapes when they match the store: the same boundaries read and dissolved as below, once.
        var built = AreaShapes.IsCurrent(store);
        var shapes = built ? null : BoundaryShapes.Read(AreaBoundaries.Read(store).Select(b => (b.Code, b.Crs, b.GeoJson)), out _);
        int covered = built
            ? Convert.ToInt32(store.Scalar($"SELECT count(DISTINCT code) FROM {AreaShapes.Table} WHERE kind = '{AreaShapes.Lsoa}' AND wkb IS NOT NULL"), CultureInfo.InvariantCulture)
            : shapes!.Select(b => b.Code).Distinct(StringComparer.Ordinal).Count();
        if (covered < 0.95 * lsoas) return null;
        PhaseTrace.Mark("hotspots: boundaries read");
        var outline = built
            ? AreaShapes.Decode((string)store.Scalar($"SELECT wkb FROM {AreaShapes.Table} WHERE kind = '{AreaShapes.Area}'")!)
            : BoundaryShapes.Dissolve(shapes!.Select(b => b.Shape));
        var locator = new NetTopologySuite.Algorithm.Locate.IndexedPointInAreaLocator(outline);
        PhaseTrace.Mark("hotspots: boundaries dissolved");
        for (int i = 0; i < cells.Length; i++)
            analysed[i] = locator.Locate(new NetTopologySuite.Geometries.Coordinate(cells[i].X, cells[i].Y)) != NetTopologySuite.Geometries.Location.Exterior;
        return string.Create(CultureInfo.InvariantCulture,
            $"cells whose centre lies inside the boundaries of the area's LSOAs ({covered:N0} of {lsoas:N0} LSOAs have one), and every cell holding an event");
    }

    private static void MarkEventCells(GridCountResult grid, IReadOnlyList<SpatialPoint> events, bool[] analysed)
    {
        var g = grid.Parameters;
        foreach (var p in events)
        {
            if (p.X < g.Extent.MinX || p.X > g.Extent.MaxX || p.Y < g.Extent.MinY || p.Y > g.Extent.MaxY) continue;
            int c = Math.Min(g.Columns - 1, (int)Math.Floor((p.X - g.Extent.MinX) / g.CellSize));
            int r = Math.Min(g.Rows - 1, (int)Math.Floor((p.Y - g.Extent.MinY) / g.CellSize));
            analysed[r * g.Columns + c] = true;
        }
    }

    private static double Distance(SpatialPoint a, SpatialPoint b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));

    private static string CellId(GridCell c, GridParameters g) => CellId(c.Column, c.Row, g.Extent.MinX, g.Extent.MinY, g.CellSize);

    private static string CellId(int column, int row, double minX, double minY, double size) =>
        string.Create(CultureInfo.InvariantCulture, $"E{minX + column * size:0.###}N{minY + row * size:0.###}");

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    private static IEnumerable<HotspotRow> GiRows(HotspotPeriodResult r)
    {
        var g = r.Result.Grid;
        var period = r.Period.ToString();
        for (int i = 0; i < g.Cells.Length; i++)
        {
            if (!r.Analysed[i]) continue;
            var c = g.Cells[i];
            var v = r.Result.GiStar.Values[i];
            // Every cell inside the area, empty ones too: their value (0 - expected) enters every neighbour's z.
            yield return new HotspotRow("gistar", period, CellId(c, g.Parameters), c.X, c.Y, r.Hidden[i] ? null : c.Count, r.Expected[i], Finite(r.Values[i]),
                Finite(v.Z), Finite(v.P), Finite(v.PAdjusted), ClassName(v.Class));
        }
    }

    private static IEnumerable<HotspotRow> TrendRows(ImmutableArray<HotspotPeriodResult> periods, HotspotClassifyResult trend, string period, SuppressionPolicy policy)
    {
        var g = periods[0].Result.Grid;
        var counts = Enumerable.Range(0, g.Cells.Length).Select(i => (double)periods.Sum(p => p.Result.Grid.Cells[i].Count)).ToArray();
        // A sum over years is hidden wherever one of its yearly counts is, or the visible years would give the hidden one.
        var analysed = periods[0].Analysed;
        var inside = Enumerable.Range(0, g.Cells.Length).Where(i => analysed[i]).ToArray();
        var known = counts.Select((n, i) => periods.Any(p => p.Hidden[i]) ? (double?)null : n).ToArray();
        var hiddenInside = SmallNumberSuppression.HideCounts(inside.Select(i => known[i]).ToArray(), policy);
        var hidden = new bool[g.Cells.Length];
        for (int j = 0; j < inside.Length; j++) hidden[inside[j]] = hiddenInside[j];
        for (int i = 0; i < g.Cells.Length; i++)
        {
            if (!analysed[i]) continue;
            var t = trend.Cells[i];
            if (counts[i] == 0 && t.Trend == HotspotTrend.None) continue;
            var c = g.Cells[i];
            yield return new HotspotRow("trend", period, CellId(c, g.Parameters), c.X, c.Y, hidden[i] || known[i] is null ? null : counts[i], null, t.ShareHot,
                null, null, null, TrendClass(t.Trend));
        }
    }

    internal sealed record AreaCount(string Code, double X, double Y, double Count, double Population);

    internal static List<AreaCount> LoadAreaCounts(AssessmentStore store, Filter filter, MonthPeriod period, PopulationSet population)
    {
        if (population.Count == 0) return [];
        // sv_event_lsoa apportions events with a split 2011 code; without it each event counts once in its lsoa21_code.
        string counts = store.TableExists("sv_event_lsoa")
            ? $"SELECT l.lsoa21_code, sum(l.weight)::DOUBLE AS n FROM sv_events e JOIN sv_event_lsoa l USING (event_id) WHERE {filter.AreaSqlFor("e.")} AND {period.SqlCondition("e.month")} GROUP BY l.lsoa21_code"
            : $"SELECT lsoa21_code, count(*)::DOUBLE AS n FROM sv_events WHERE {filter.AreaSql} AND {period.SqlCondition("month")} AND lsoa21_code IS NOT NULL GROUP BY lsoa21_code";
        var byCode = store.Query($"SELECT lsoa21_code, n FROM ({counts}) ORDER BY 1", r => (r.GetString(0), r.GetDouble(1)))
            .ToDictionary(t => t.Item1, t => t.Item2, StringComparer.Ordinal);
        return population.Select(p => new AreaCount(p.Code, p.X, p.Y, byCode.GetValueOrDefault(p.Code), p.Residents)).ToList();
    }

    private static List<HotspotRow> LisaRows(List<AreaCount> areas, double[] values, SpatialWeights w, LocalMoranResult lisa, string period, double fdr, SuppressionPolicy policy)
    {
        // A rate per resident gives the count back from the published population, so it is hidden with the count.
        var hidden = SmallNumberSuppression.HideCounts(areas.Select(a => (double?)a.Count).ToArray(), policy);
        double mean = values.Average();
        var dev = values.Select(v => v - mean).ToArray();
        var lag = w.Lag(dev);
        var p = lisa.Values.Select(v => v.PseudoP ?? v.P).ToArray();
        var adjusted = BenjaminiHochberg.Adjust(p);
        var rows = new List<HotspotRow>(areas.Count);
        for (int i = 0; i < areas.Count; i++)
        {
            string cls = "ns";
            if (adjusted[i] < fdr)
                cls = dev[i] > 0 && lag[i] > 0 ? "HH" : dev[i] < 0 && lag[i] < 0 ? "LL" : dev[i] > 0 && lag[i] < 0 ? "HL" : dev[i] < 0 && lag[i] > 0 ? "LH" : "ns";
            var a = areas[i];
            rows.Add(new HotspotRow("lisa", period, a.Code, a.X, a.Y, hidden[i] ? null : a.Count, null, hidden[i] ? null : values[i],
                Finite(lisa.Values[i].Z), Finite(p[i]), Finite(adjusted[i]), cls));
        }
        return rows;
    }

    private static double?[] DensityCounts(HotspotPeriodResult? main, double[] counts, SuppressionPolicy policy)
    {
        if (main is not null && main.Hidden.Length == counts.Length) return counts.Select((n, i) => main.Hidden[i] ? null : (double?)n).ToArray();
        var hidden = SmallNumberSuppression.HideCounts(counts.Select(n => (double?)n).ToArray(), policy);
        return counts.Select((n, i) => hidden[i] ? null : (double?)n).ToArray();
    }

    private static List<HotspotRow> DensityRows(string method, string period, IEnumerable<(string Id, double X, double Y, double Count, double? Shown, double? Value)> cells, double size)
    {
        var list = cells.Where(c => c.Count > 0 || c.Value > 0).ToList();
        var positive = list.Where(c => c.Value > 0).OrderByDescending(c => c.Value!.Value).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < positive.Count; i++) rank[positive[i].Id] = i;
        int m = positive.Count;
        string Band(string id) => !rank.TryGetValue(id, out var r) ? "none"
            : r < Math.Ceiling(0.01 * m) ? "top1" : r < Math.Ceiling(0.05 * m) ? "top5" : r < Math.Ceiling(0.10 * m) ? "top10" : "none";
        return list.Select(c =>
        {
            // Rebuild the national-grid id from the centre so KDE rows join to Gi* rows.
            var id = string.Create(CultureInfo.InvariantCulture, $"E{c.X - size / 2:0.###}N{c.Y - size / 2:0.###}");
            return new HotspotRow(method, period, id, c.X, c.Y, c.Shown, null, c.Value is { } v && double.IsFinite(v) ? v : null, null, null, null, Band(c.Id));
        }).ToList();
    }

    private static int CompareRows(HotspotRow a, HotspotRow b)
    {
        int c = string.CompareOrdinal(a.Method, b.Method);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Period, b.Period);
        return c != 0 ? c : string.CompareOrdinal(a.UnitId, b.UnitId);
    }

    private static void WriteRows(AssessmentStore store, List<HotspotRow> rows)
    {
        store.Execute("DROP TABLE IF EXISTS hotspots");
        store.Execute("""
            CREATE TABLE hotspots (method VARCHAR NOT NULL, period VARCHAR NOT NULL, unit_id VARCHAR NOT NULL, x DOUBLE NOT NULL, y DOUBLE NOT NULL,
                count DOUBLE, expected DOUBLE, value DOUBLE, z DOUBLE, p DOUBLE, p_fdr DOUBLE, class VARCHAR NOT NULL)
            """);
        using var appender = store.Connection.CreateAppender("hotspots");
        foreach (var r in rows)
            appender.CreateRow().AppendValue(r.Method).AppendValue(r.Period).AppendValue(r.UnitId).AppendValue(r.X).AppendValue(r.Y)
                .AppendValue(r.Count).AppendValue(r.Expected).AppendValue(r.Value).AppendValue(r.Z).AppendValue(r.P).AppendValue(r.PFdr).AppendValue(r.Class).EndRow();
    }

    private static ImmutableArray<HotspotTopEntry> BuildTop(
        AssessmentStore store, string filter, MonthPeriod period, HotspotPeriodResult main, HotspotClassifyResult? trend,
        HotspotGridParameters grid, HotspotOptions o)
    {
        var g = main.Result.Grid;
        var gi = main.Result.GiStar.Values;
        var hotIdx = Enumerable.Range(0, g.Cells.Length).Where(i => IsHot(gi[i], o.FdrLevel))
            .OrderByDescending(i => gi[i].Z).ThenByDescending(i => g.Cells[i].Count).ThenBy(i => CellId(g.Cells[i], g.Parameters), StringComparer.Ordinal)
            .ToArray();
        if (hotIdx.Length == 0 || o.TopN == 0) return [];
        var cluster = Clusters(g, hotIdx);
        var clusterCells = new Dictionary<int, int>();
        var clusterHidden = new Dictionary<int, int>();
        var clusterSum = new Dictionary<int, double>();
        foreach (int i in hotIdx)
        {
            clusterCells[cluster[i]] = clusterCells.GetValueOrDefault(cluster[i]) + 1;
            clusterHidden[cluster[i]] = clusterHidden.GetValueOrDefault(cluster[i]) + (main.Hidden[i] ? 1 : 0);
            clusterSum[cluster[i]] = clusterSum.GetValueOrDefault(cluster[i]) + g.Cells[i].Count;
        }
        // Every member's count is published in hotspots.csv, so a cluster's total with exactly one hidden member would give
        // it back by subtraction: that total is hidden, like a total the policy hides itself.
        var clusterCount = clusterSum.ToDictionary(kv => kv.Key, kv =>
            clusterHidden[kv.Key] == 1 || SmallNumberSuppression.HideCounts([kv.Value], o.Suppression, totalPublished: false)[0] ? (double?)null : kv.Value);
        // hotIdx is ranked, so the first cell met of each cluster is its peak.
        var chosen = (o.TopOnePerCluster ? hotIdx.GroupBy(i => cluster[i]).Select(c => c.First()) : hotIdx).Take(o.TopN).ToArray();

        store.Execute("CREATE OR REPLACE TEMP TABLE hs_top_cells (rank INTEGER, col INTEGER, row INTEGER, x DOUBLE, y DOUBLE)");
        using (var appender = store.Connection.CreateAppender("hs_top_cells"))
            for (int k = 0; k < chosen.Length; k++)
            {
                var c = g.Cells[chosen[k]];
                appender.CreateRow().AppendValue(k + 1).AppendValue(c.Column).AppendValue(c.Row).AppendValue(c.X).AppendValue(c.Y).EndRow();
            }

        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        // The same arithmetic as GridCounter.Count, so SQL puts each event in the cell C# counted it in.
        string offences = $"""
            WITH ev AS (
                SELECT least({grid.Columns - 1}, CAST(floor((x - {F(grid.MinX)}) / {F(grid.CellSize)}) AS INTEGER)) AS col,
                       least({grid.Rows - 1}, CAST(floor((y - {F(grid.MinY)}) / {F(grid.CellSize)}) AS INTEGER)) AS row,
                       CASE WHEN source = 'police_street' THEN source_code ELSE coalesce(code_description, source_code) END AS offence,
                       -- police.uk gives a crime type and no offence group: the crime type is its group.
                       CASE WHEN source = 'police_street' THEN source_code ELSE nullif(trim(offence_group), '') END AS offence_group
                FROM sv_events WHERE {filter} AND {period.SqlCondition("month")}),
            hit AS (SELECT t.rank, ev.offence, ev.offence_group FROM ev JOIN hs_top_cells t USING (col, row)),
            o AS (SELECT rank, offence, count(*) AS n, row_number() OVER (PARTITION BY rank ORDER BY count(*) DESC, offence) AS k
                  FROM hit WHERE offence IS NOT NULL GROUP BY rank, offence),
            og AS (SELECT rank, offence_group, row_number() OVER (PARTITION BY rank ORDER BY count(*) DESC, offence_group) AS k
                   FROM hit WHERE offence_group IS NOT NULL GROUP BY rank, offence_group)
            SELECT t.rank, o.offence, o.n, o.k, (SELECT offence_group FROM og WHERE og.rank = t.rank AND og.k = 1)
            FROM hs_top_cells t LEFT JOIN o ON o.rank = t.rank ORDER BY t.rank, o.k
            """;
        // Every offence of a cell comes back (a few dozen rows) so the offence counts are suppressed as one group: the
        // cell's count is their total.
        var offenceRows = store.Query(offences, r => (Rank: Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture),
                Offence: r.IsDBNull(1) ? null : r.GetString(1), N: r.IsDBNull(2) ? 0.0 : Convert.ToDouble(r.GetValue(2), CultureInfo.InvariantCulture),
                Group: r.IsDBNull(4) ? null : r.GetString(4)))
            .GroupBy(t => t.Rank)
            .ToDictionary(grp => grp.Key, grp =>
            {
                var list = grp.Where(t => t.Offence is not null).ToList();
                var hidden = SmallNumberSuppression.HideCounts(list.Select(t => (double?)t.N).ToArray(), o.Suppression);
                var top = list.Count == 0 ? null : string.Join(" | ", list.Take(3).Select((t, j) =>
                    hidden[j] ? $"{t.Offence} (suppressed)" : string.Create(CultureInfo.InvariantCulture, $"{t.Offence} ({t.N:0})")));
                return (Top: top, grp.First().Group);
            });

        var names = new Dictionary<int, (string? Code, string? Name, string? Ward, string? District, double? Distance)>();
        if (store.TableExists("centroids"))
        {
            bool geo = store.TableExists(AreaHierarchy.Table);
            string geoJoin = geo
                ? $"LEFT JOIN (SELECT lsoa21_code, lsoa21_name, ward_name, district_name FROM {AreaHierarchy.Lsoas}) g USING (lsoa21_code)"
                : "";
            string cols = geo ? "g.lsoa21_name, g.ward_name, g.district_name" : "NULL, NULL, NULL";
            var nameRows = store.Query($"""
                WITH near AS (
                    SELECT t.rank, c.lsoa21_code, sqrt((c.x - t.x) * (c.x - t.x) + (c.y - t.y) * (c.y - t.y)) AS d,
                           row_number() OVER (PARTITION BY t.rank ORDER BY (c.x - t.x) * (c.x - t.x) + (c.y - t.y) * (c.y - t.y), c.lsoa21_code) AS k
                    FROM hs_top_cells t CROSS JOIN centroids c WHERE c.x IS NOT NULL AND c.y IS NOT NULL AND c.lsoa21_code IS NOT NULL{(geo ? " AND " + AreaHierarchy.InArea("c.lsoa21_code") : "")})
                SELECT near.rank, near.lsoa21_code, {cols}, near.d FROM near {geoJoin} WHERE near.k = 1 ORDER BY near.rank
                """, r => (Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), r.IsDBNull(1) ? null : r.GetString(1),
                    r.IsDBNull(2) ? null : r.GetValue(2).ToString(), r.IsDBNull(3) ? null : r.GetValue(3).ToString(),
                    r.IsDBNull(4) ? null : r.GetValue(4).ToString(), r.IsDBNull(5) ? (double?)null : r.GetDouble(5)));
            foreach (var n in nameRows) names[n.Item1] = (n.Item2, n.Item3, n.Item4, n.Item5, n.Item6);
        }
        store.Execute("DROP TABLE IF EXISTS hs_top_cells");

        var list = ImmutableArray.CreateBuilder<HotspotTopEntry>(chosen.Length);
        for (int k = 0; k < chosen.Length; k++)
        {
            int i = chosen[k];
            var c = g.Cells[i];
            names.TryGetValue(k + 1, out var nm);
            offenceRows.TryGetValue(k + 1, out var off);
            list.Add(new HotspotTopEntry(k + 1, CellId(c, g.Parameters), c.X, c.Y, main.Hidden[i] ? null : c.Count, main.Values[i], gi[i].Z, gi[i].PAdjusted,
                ClassName(gi[i].Class), cluster[i], clusterCells[cluster[i]], clusterCount[cluster[i]], trend is null ? null : TrendClass(trend.Cells[i].Trend),
                nm.Code, nm.Name, nm.Ward, nm.District, nm.Distance, off.Top, off.Group));
        }
        return list.MoveToImmutable();
    }

    // Groups of hot cells that touch (including corners), numbered in the order of their best-ranked cell.
    private static Dictionary<int, int> Clusters(GridCountResult g, int[] ranked)
    {
        var hot = new HashSet<int>(ranked);
        var cluster = new Dictionary<int, int>();
        int cols = g.Parameters.Columns, rows = g.Parameters.Rows, next = 0;
        foreach (int start in ranked)
        {
            if (cluster.ContainsKey(start)) continue;
            next++;
            var stack = new Stack<int>();
            stack.Push(start);
            cluster[start] = next;
            while (stack.Count > 0)
            {
                int i = stack.Pop();
                int r = i / cols, c = i % cols;
                for (int dr = -1; dr <= 1; dr++)
                    for (int dc = -1; dc <= 1; dc++)
                    {
                        int rr = r + dr, cc = c + dc;
                        if (rr < 0 || rr >= rows || cc < 0 || cc >= cols) continue;
                        int j = rr * cols + cc;
                        if (hot.Contains(j) && cluster.TryAdd(j, next)) stack.Push(j);
                    }
            }
        }
        return cluster;
    }

    private static void WriteTop(AssessmentStore store, ImmutableArray<HotspotTopEntry> top)
    {
        store.Execute("DROP TABLE IF EXISTS hotspot_top");
        store.Execute("""
            CREATE TABLE hotspot_top (rank INTEGER NOT NULL, unit_id VARCHAR NOT NULL, x DOUBLE NOT NULL, y DOUBLE NOT NULL, count DOUBLE,
                value DOUBLE NOT NULL, z DOUBLE NOT NULL, p_fdr DOUBLE NOT NULL, class VARCHAR NOT NULL, cluster INTEGER NOT NULL,
                cluster_cells INTEGER NOT NULL, cluster_count DOUBLE, trend VARCHAR,
                lsoa21_code VARCHAR, lsoa21_name VARCHAR, ward_name VARCHAR, district_name VARCHAR, centroid_distance_m DOUBLE,
                top_offences VARCHAR, top_offence_group VARCHAR)
            """);
        using var appender = store.Connection.CreateAppender("hotspot_top");
        foreach (var t in top)
            appender.CreateRow().AppendValue(t.Rank).AppendValue(t.UnitId).AppendValue(t.X).AppendValue(t.Y).AppendValue(t.Count)
                .AppendValue(t.Value).AppendValue(t.Z).AppendValue(t.PFdr).AppendValue(t.Class).AppendValue(t.Cluster)
                .AppendValue(t.ClusterCells).AppendValue(t.ClusterCount).AppendValue(t.Trend)
                .AppendValue(t.Lsoa21Code).AppendValue(t.Lsoa21Name).AppendValue(t.WardName).AppendValue(t.DistrictName)
                .AppendValue(t.CentroidDistance).AppendValue(t.TopOffences).AppendValue(t.TopOffenceGroup).EndRow();
    }

    /// <summary>
    /// Writes <c>hotspots.csv</c>, <c>hotspot-top.csv</c> and <c>hotspot-parameters.json</c> from the store's tables into
    /// <paramref name="folder"/> (created if missing), and the main period's Gi* cells as GeoJSON (<see cref="HotspotGeoJson"/>).
    /// </summary>
    /// <param name="store">Store holding the tables of a run.</param>
    /// <param name="folder">Output folder.</param>
    /// <param name="parameters">Parameters to write; read from the store when null.</param>
    /// <returns>The three paths.</returns>
    public static (string Csv, string TopCsv, string Parameters) Export(AssessmentStore store, string folder, HotspotParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        Directory.CreateDirectory(folder);
        var csv = Path.GetFullPath(Path.Combine(folder, CsvFile));
        var topCsv = Path.GetFullPath(Path.Combine(folder, TopCsvFile));
        var json = Path.GetFullPath(Path.Combine(folder, ParametersFile));
        store.Execute($"COPY (SELECT * FROM hotspots ORDER BY method, period, unit_id) TO {AssessmentStore.Literal(csv)} (HEADER, DELIMITER ',')");
        store.Execute($"COPY (SELECT * FROM hotspot_top ORDER BY rank) TO {AssessmentStore.Literal(topCsv)} (HEADER, DELIMITER ',')");
        PhaseTrace.Mark("hotspots: CSV written");
        var text = parameters is not null
            ? JsonSerializer.Serialize(parameters, JsonOptions)
            : store.ScalarOrNull("SELECT parameters_json FROM hotspot_parameters LIMIT 1") as string ?? "{}";
        File.WriteAllText(json, text + "\n", new UTF8Encoding(false));
        // The main period's Gi* cells as polygons for GIS users (hotspots.geojson, hotspots-bng.geojson).
        using (var doc = JsonDocument.Parse(text))
        {
            var root = doc.RootElement;
            if (root.TryGetProperty("period", out var period) && period.ValueKind == JsonValueKind.String
                && root.TryGetProperty("grid", out var grid) && grid.ValueKind == JsonValueKind.Object && grid.TryGetProperty("cellSize", out var size))
                HotspotGeoJson.Write(store, folder, period.GetString()!, size.GetDouble());
        }
        return (csv, topCsv, json);
    }
}
