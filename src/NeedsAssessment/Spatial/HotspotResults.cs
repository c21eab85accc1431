using System.Collections.Immutable;

namespace NeedsAssessment.Spatial;

/// <summary>One row of the <c>hotspots</c> table (see <see cref="HotspotAnalysis.Columns"/>).</summary>
/// <param name="Method">gistar, trend, lisa, kde or dual_kde.</param>
/// <param name="Period">Months covered, <c>yyyy-mm:yyyy-mm</c> (for trend: first to last month of the trend periods).</param>
/// <param name="UnitId">Grid cell id <c>E{easting}N{northing}</c> of its south-west corner, or an LSOA 2021 code.</param>
/// <param name="X">Easting of the cell centre or LSOA centroid (BNG metres).</param>
/// <param name="Y">Northing of the cell centre or LSOA centroid (BNG metres).</param>
/// <param name="Count">
/// Events in the unit and period (LSOA counts apportion split 2011 codes, so may be fractional); null when the
/// suppression policy hides it (see <see cref="HotspotDisclosureSettings"/>).
/// </param>
/// <param name="Expected">gistar: events expected from the cell's residents (0 with the counts baseline); null for other methods.</param>
/// <param name="Value">
/// What was analysed: gistar the analysed count minus <paramref name="Expected"/> (a suppressed count enters as the
/// period's stand-in, see <see cref="HotspotDisclosureSettings"/>); trend the share of
/// periods hot; lisa the rate per 1,000 residents (or count); kde events per km²; dual_kde events per 1,000 residents.
/// </param>
/// <param name="Z">Gi* or local Moran z-score; null for trend and KDE.</param>
/// <param name="P">Two-sided p-value (pseudo p when LISA permutations were run); null for trend and KDE.</param>
/// <param name="PFdr">Benjamini-Hochberg adjusted p over all units of the method and period; null for trend and KDE.</param>
/// <param name="Class">
/// gistar: hot99/hot95/hot90/cold99/cold95/cold90/none on <paramref name="PFdr"/>; lisa: HH/LL/HL/LH when
/// <paramref name="PFdr"/> is below the FDR level, else ns; trend: persistent/emerging/intermittent/former/none;
/// kde and dual_kde: top1/top5/top10 (percent of cells with a positive value), else none.
/// </param>
public sealed record HotspotRow(
    string Method, string Period, string UnitId, double X, double Y, double? Count, double? Expected,
    double? Value, double? Z, double? P, double? PFdr, string Class);

/// <summary>One entry of the ranked hot spot list (<c>hotspot_top</c>).</summary>
/// <param name="Rank">1 for the highest Gi* z-score.</param>
/// <param name="UnitId">Grid cell id.</param>
/// <param name="X">Cell centre easting.</param>
/// <param name="Y">Cell centre northing.</param>
/// <param name="Count">Events in the cell in the main period; null when suppressed.</param>
/// <param name="Value">Value Gi* was computed on.</param>
/// <param name="Z">Gi* z-score.</param>
/// <param name="PFdr">FDR-adjusted p.</param>
/// <param name="Class">Gi* class.</param>
/// <param name="Cluster">Rank-ordered number of the group of touching hot cells this cell belongs to (1 holds rank 1).</param>
/// <param name="ClusterCells">Hot cells in that cluster.</param>
/// <param name="ClusterCount">Events in those cells in the main period; null when the policy hides it or exactly one member's count is hidden (the members are published, so subtraction would give it).</param>
/// <param name="Trend">Over-time class of the cell, or null when no trend was run.</param>
/// <param name="Lsoa21Code">LSOA whose population-weighted centroid is nearest the cell centre.</param>
/// <param name="Lsoa21Name">Its name, from <c>geography</c>.</param>
/// <param name="WardName">Its ward.</param>
/// <param name="DistrictName">Its district.</param>
/// <param name="CentroidDistance">Metres from the cell centre to that centroid.</param>
/// <param name="TopOffences">
/// Up to three most frequent offence descriptions in the cell, "description (n)" joined by " | ", n "suppressed" when
/// the policy hides it.
/// </param>
/// <param name="TopOffenceGroup">Most frequent Home Office offence group in the cell (police extract only).</param>
public sealed record HotspotTopEntry(
    int Rank, string UnitId, double X, double Y, double? Count, double Value, double Z, double PFdr, string Class, int Cluster,
    int ClusterCells, double? ClusterCount, string? Trend, string? Lsoa21Code, string? Lsoa21Name, string? WardName, string? DistrictName, double? CentroidDistance,
    string? TopOffences, string? TopOffenceGroup);

/// <summary>Which events were used.</summary>
/// <param name="Sources">Sources of <c>sv_events</c>.</param>
/// <param name="SourcesLeftOut">Sources with coordinates not used by default, with the reason.</param>
/// <param name="Categories">Categories kept, or null for all.</param>
/// <param name="InDefinitionOnly">Whether only <c>in_definition</c> events were used.</param>
/// <param name="DefinitionName">Definition the events were classified under.</param>
/// <param name="DefinitionVersion">Its version.</param>
/// <param name="Sql">The WHERE clause applied to <c>sv_events</c> (before the period condition).</param>
public sealed record HotspotFilterParameters(
    IReadOnlyList<string> Sources, IReadOnlyList<string> SourcesLeftOut, IReadOnlyList<string>? Categories, bool InDefinitionOnly,
    string? DefinitionName, string? DefinitionVersion, string Sql);

/// <summary>The grid shared by every period, Gi* and KDE.</summary>
/// <param name="CellSize">Cell side in metres.</param>
/// <param name="CellSizeAutomatic">True when chosen by <see cref="HotspotAnalysis.DefaultCellSize"/>.</param>
/// <param name="CellSizeRule">How the automatic size is worked out.</param>
/// <param name="MinX">Western edge (a whole multiple of the cell size).</param>
/// <param name="MinY">Southern edge.</param>
/// <param name="MaxX">Eastern edge.</param>
/// <param name="MaxY">Northern edge.</param>
/// <param name="Columns">Columns.</param>
/// <param name="Rows">Rows.</param>
/// <param name="UnitIdRule">How cell ids are formed.</param>
/// <param name="AnalysedCells">Cells inside the partnership's area, the only ones Gi*, the trend and the density rows cover (hotspots.csv holds exactly these).</param>
/// <param name="AnalysedRule">How a cell is judged to be inside the area.</param>
public sealed record HotspotGridParameters(
    double CellSize, bool CellSizeAutomatic, string CellSizeRule, double MinX, double MinY, double MaxX, double MaxY,
    int Columns, int Rows, string UnitIdRule, int AnalysedCells = 0, string AnalysedRule = "");

/// <summary>Gi* settings.</summary>
/// <param name="Baseline">counts or population (excess over expected).</param>
/// <param name="BaselineRule">How expected counts were worked out.</param>
/// <param name="NeighbourRule">How neighbours are chosen.</param>
/// <param name="NeighbourDistance">Band in metres.</param>
/// <param name="NeighbourDistanceAutomatic">True when cell size × √2.</param>
/// <param name="WeightsStyle">Binary.</param>
/// <param name="IncludesSelf">True: each cell is its own neighbour.</param>
/// <param name="PAdjust">Multiple-comparison adjustment.</param>
/// <param name="FdrLevel">FDR level at which a cell is a hot spot.</param>
/// <param name="ClassRule">How classes are assigned.</param>
/// <param name="PointsByPeriod">Events per period analysed.</param>
/// <param name="Recompute">How to reproduce every z from <c>hotspots.csv</c> and this file alone (R spdep, PySAL).</param>
public sealed record HotspotGiStarSettings(
    string Baseline, string BaselineRule, string NeighbourRule, double NeighbourDistance, bool NeighbourDistanceAutomatic,
    string WeightsStyle, bool IncludesSelf, string PAdjust, double FdrLevel, string ClassRule, IReadOnlyDictionary<string, int> PointsByPeriod,
    string? Recompute = null);

/// <summary>How the hot spot stage keeps small counts out of its tables and files while every z stays recomputable.</summary>
/// <param name="Policy">Suppression policy name (nhs, fingertips, none, custom).</param>
/// <param name="HideFrom">Smallest count hidden.</param>
/// <param name="HideTo">Largest count hidden (0: none hidden).</param>
/// <param name="Rule">What is hidden, and how hidden counts enter Gi*.</param>
/// <param name="SuppressedCellsByPeriod">Grid cells whose count is hidden, per Gi* period.</param>
/// <param name="StandInByPeriod">The count each hidden cell entered Gi* with, per period (the mean of that period's hidden counts).</param>
public sealed record HotspotDisclosureSettings(
    string Policy, long HideFrom, long HideTo, string Rule, IReadOnlyDictionary<string, int> SuppressedCellsByPeriod,
    IReadOnlyDictionary<string, double> StandInByPeriod);

/// <summary>Over-time classification settings.</summary>
/// <param name="Periods">Periods, oldest first.</param>
/// <param name="HotspotProportion">Minimum share hot for any category.</param>
/// <param name="PersistentProportion">Share hot for persistent.</param>
/// <param name="RecentProportion">Recent share.</param>
/// <param name="RecentPeriods">Number of recent periods.</param>
/// <param name="CriticalP">FDR-adjusted p below which a period is hot.</param>
/// <param name="Rule">The classification rule.</param>
/// <param name="Counts">Cells per class.</param>
public sealed record HotspotTrendSettings(
    IReadOnlyList<string> Periods, double HotspotProportion, double PersistentProportion, double RecentProportion, int RecentPeriods,
    double CriticalP, string Rule, IReadOnlyDictionary<string, int> Counts);

/// <summary>PAI and RRI of one year's hot spots against the next.</summary>
/// <param name="FoundPeriod">Period the hot spots were found in (the last-but-one trend period).</param>
/// <param name="NextPeriod">Period they are tested on (the last trend period).</param>
/// <param name="HotspotRule">Which cells count as hot spots.</param>
/// <param name="HotspotCells">Number of hot cells.</param>
/// <param name="AreaShare">Their share of the grid's area.</param>
/// <param name="EventsFound">Events in the first period.</param>
/// <param name="EventsInHotspotsFound">Of those, in the hot cells.</param>
/// <param name="EventsNext">Events in the next period.</param>
/// <param name="EventsInHotspotsNext">Of those, in the hot cells.</param>
/// <param name="PaiFound">PAI in the first period.</param>
/// <param name="PaiNext">PAI in the next period (predictive).</param>
/// <param name="Rri">Recapture rate index.</param>
public sealed record HotspotEvaluationSettings(
    string FoundPeriod, string NextPeriod, string HotspotRule, int HotspotCells, double AreaShare,
    double EventsFound, double EventsInHotspotsFound, double EventsNext, double EventsInHotspotsNext,
    double PaiFound, double PaiNext, double Rri);

/// <summary>LISA and global Moran settings and the global result.</summary>
/// <param name="Units">LSOAs analysed (those with a centroid and residents).</param>
/// <param name="Value">What was analysed.</param>
/// <param name="Population">Where residents came from.</param>
/// <param name="NeighbourRule">k-nearest centroids.</param>
/// <param name="K">Neighbours per LSOA.</param>
/// <param name="WeightsStyle">RowStandardised.</param>
/// <param name="Conditional">Conditional randomisation moments.</param>
/// <param name="Permutations">Permutations (0 = analytic p).</param>
/// <param name="Seed">Permutation seed.</param>
/// <param name="FdrLevel">FDR level for HH/LL/HL/LH.</param>
/// <param name="GlobalMoranI">Global Moran's I.</param>
/// <param name="GlobalMoranExpected">E[I].</param>
/// <param name="GlobalMoranZ">z under randomisation.</param>
/// <param name="GlobalMoranP">Two-sided p under randomisation.</param>
/// <param name="Counts">LSOAs per class.</param>
public sealed record HotspotAreaSettings(
    int Units, string Value, string Population, string NeighbourRule, int K, string WeightsStyle, bool Conditional, int Permutations,
    int Seed, double FdrLevel, double GlobalMoranI, double GlobalMoranExpected, double GlobalMoranZ, double GlobalMoranP,
    IReadOnlyDictionary<string, int> Counts);

/// <summary>KDE settings.</summary>
/// <param name="Kernel">quartic.</param>
/// <param name="Bandwidth">Event kernel radius in metres.</param>
/// <param name="BandwidthAutomatic">True when chosen by <see cref="HotspotAnalysis.DefaultBandwidth"/>.</param>
/// <param name="BandwidthRule">How the automatic bandwidth is worked out.</param>
/// <param name="PopulationBandwidth">Population kernel radius (dual KDE), or null when no population.</param>
/// <param name="Population">Where the population points came from.</param>
/// <param name="MinimumPopulationDensity">Residents per km² at or below which risk is missing.</param>
public sealed record HotspotKdeSettings(
    string Kernel, double Bandwidth, bool BandwidthAutomatic, string BandwidthRule, double? PopulationBandwidth, string? Population,
    double? MinimumPopulationDensity);

/// <summary>Everything needed to recompute a hot spot run; written as <c>hotspot-parameters.json</c>.</summary>
/// <param name="EngineVersion">Engine version.</param>
/// <param name="Methods">Methods run.</param>
/// <param name="Period">Main period.</param>
/// <param name="Filters">Events used.</param>
/// <param name="Grid">Grid (null when no grid method ran).</param>
/// <param name="GiStar">Gi* settings (null when not run).</param>
/// <param name="Trend">Over-time settings (null when fewer than two periods or Gi* not run).</param>
/// <param name="Evaluation">PAI and RRI (null without two trend periods).</param>
/// <param name="Areas">LISA and global Moran (null when not run or no population).</param>
/// <param name="Kde">KDE settings (null when not run).</param>
/// <param name="TopN">Rows of the top list.</param>
/// <param name="TopRule">How the top list is ranked and named.</param>
/// <param name="Notes">Caveats found while running (e.g. skipped analyses).</param>
/// <param name="Disclosure">Small-number suppression applied to the tables and files.</param>
public sealed record HotspotParameters(
    string EngineVersion, IReadOnlyList<string> Methods, string Period, HotspotFilterParameters Filters,
    HotspotGridParameters? Grid, HotspotGiStarSettings? GiStar, HotspotTrendSettings? Trend, HotspotEvaluationSettings? Evaluation,
    HotspotAreaSettings? Areas, HotspotKdeSettings? Kde, int TopN, string TopRule, IReadOnlyList<string> Notes,
    HotspotDisclosureSettings? Disclosure = null);

/// <summary>Gi* of one period on the shared grid.</summary>
/// <param name="Period">The period.</param>
/// <param name="Result">Grid counts and Gi* (on <see cref="Values"/>).</param>
/// <param name="Values">The values Gi* was computed on, in grid order.</param>
/// <param name="Expected">Events expected from each cell's residents (zeros with the counts baseline), in grid order.</param>
/// <param name="Hidden">Cells whose count the suppression policy hides, in grid order.</param>
/// <param name="StandIn">The count a hidden cell entered Gi* with (the mean of the hidden counts; 0 when none is hidden).</param>
/// <param name="Analysed">Cells inside the partnership's area, in grid order; the others have no value and no Gi* (NaN).</param>
public sealed record HotspotPeriodResult(MonthPeriod Period, HotspotGiStarResult Result, ImmutableArray<double> Values,
    ImmutableArray<double> Expected, ImmutableArray<bool> Hidden, double StandIn, ImmutableArray<bool> Analysed);

/// <summary>Everything a hot spot run produced, for charts and the report.</summary>
/// <param name="Parameters">Parameters used (also in the JSON file).</param>
/// <param name="Main">Gi* of the main period, or null.</param>
/// <param name="TrendPeriods">Gi* of each trend period, oldest first (empty when not run).</param>
/// <param name="Trend">Over-time classification aligned with the grid cells, or null.</param>
/// <param name="Evaluation">PAI/RRI of the last-but-one period's hot spots against the last, or null.</param>
/// <param name="Lisa">Local Moran on LSOAs, or null.</param>
/// <param name="LisaUnits">LSOA codes aligned with <paramref name="Lisa"/>.</param>
/// <param name="GlobalMoran">Global Moran's I on the same values, or null.</param>
/// <param name="Kde">Event KDE of the main period, or null.</param>
/// <param name="DualKde">Dual KDE risk surface, or null when no population.</param>
/// <param name="Top">Ranked hot cells with area names and dominant offences.</param>
/// <param name="Rows">The rows written to the <c>hotspots</c> table, sorted.</param>
/// <param name="CsvPath">Written <c>hotspots.csv</c>, or null.</param>
/// <param name="TopCsvPath">Written <c>hotspot-top.csv</c>, or null.</param>
/// <param name="ParametersPath">Written <c>hotspot-parameters.json</c>, or null.</param>
public sealed record HotspotRunResult(
    HotspotParameters Parameters, HotspotPeriodResult? Main, ImmutableArray<HotspotPeriodResult> TrendPeriods,
    HotspotClassifyResult? Trend, HotspotEvaluationResult? Evaluation, LocalMoranResult? Lisa, ImmutableArray<string> LisaUnits,
    GlobalMoranResult? GlobalMoran, KernelDensityResult? Kde, DualKernelDensityResult? DualKde,
    ImmutableArray<HotspotTopEntry> Top, ImmutableArray<HotspotRow> Rows, string? CsvPath, string? TopCsvPath, string? ParametersPath);

/// <summary>What a chart needs, rebuilt from the store by <see cref="HotspotAnalysis.Read"/>.</summary>
/// <param name="Rows">All rows of the <c>hotspots</c> table, sorted by method, period, unit.</param>
/// <param name="Top">The ranked list from <c>hotspot_top</c>.</param>
/// <param name="Parameters">The parameters of the run (from <c>hotspot_runs</c>), or null if absent.</param>
public sealed record HotspotReadResult(ImmutableArray<HotspotRow> Rows, ImmutableArray<HotspotTopEntry> Top, HotspotParameters? Parameters)
{
    /// <summary>Units per class of each method and period (<c>hotspot_classes</c>); empty for a store written before the table existed.</summary>
    public IReadOnlyList<HotspotClassCount> Classes { get; init; } = [];

    /// <summary>Rows of one method (and optionally one period).</summary>
    public IEnumerable<HotspotRow> Of(string method, string? period = null) =>
        Rows.Where(r => r.Method == method && (period is null || r.Period == period));

    /// <summary>Distinct periods of a method in order.</summary>
    public IReadOnlyList<string> PeriodsOf(string method) =>
        Rows.Where(r => r.Method == method).Select(r => r.Period).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Rebuilds the full Gi* grid of one period (the main period by default) for a map such as
    /// <c>Charts.HotspotMapChart</c>, from the stage's own rows: the same cells, classes and z. Cells absent from the
    /// table are outside the analysed area: class none, undefined z and p, and not <see cref="HotspotGiStarResult.Analysed"/>;
    /// a suppressed count reads as 0. The values' mean and standard deviation are not stored, so they are NaN.
    /// </summary>
    /// <param name="period">A gistar period, <c>yyyy-mm:yyyy-mm</c>; the run's main period when null.</param>
    /// <exception cref="InvalidOperationException">No parameters or grid were stored (Gi* was not run).</exception>
    public HotspotGiStarResult GiStar(string? period = null)
    {
        var g = Parameters?.Grid ?? throw new InvalidOperationException("The stored run has no grid: Gi* was not run.");
        var gi = Parameters.GiStar ?? throw new InvalidOperationException("The stored run has no Gi* settings.");
        period ??= Parameters.Period;
        var extent = new Extent(g.MinX, g.MinY, g.MaxX, g.MaxY);
        var byId = Of("gistar", period).ToDictionary(r => r.UnitId, StringComparer.Ordinal);
        var cells = ImmutableArray.CreateBuilder<GridCell>(g.Columns * g.Rows);
        var values = ImmutableArray.CreateBuilder<GiStarValue>(g.Columns * g.Rows);
        var analysed = ImmutableArray.CreateBuilder<bool>(g.Columns * g.Rows);
        for (int r = 0; r < g.Rows; r++)
            for (int c = 0; c < g.Columns; c++)
            {
                double x0 = g.MinX + c * g.CellSize, y0 = g.MinY + r * g.CellSize;
                var id = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"E{x0:0.###}N{y0:0.###}");
                analysed.Add(byId.TryGetValue(id, out var row));
                int count = row?.Count is { } n ? (int)Math.Round(n) : 0;
                cells.Add(new GridCell(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"c{c}_{r}"), c, r,
                    x0 + g.CellSize / 2, y0 + g.CellSize / 2, count, count));
                values.Add(row is null
                    ? new GiStarValue(double.NaN, double.NaN, double.NaN, HotspotClass.None)
                    : new GiStarValue(row.Z ?? double.NaN, row.P ?? double.NaN, row.PFdr ?? double.NaN, Enum.Parse<HotspotClass>(row.Class, ignoreCase: true)));
            }
        var grid = new GridCountResult(new GridParameters(g.CellSize, g.CellSizeAutomatic, extent, false, g.Columns, g.Rows, false), cells.MoveToImmutable(), 0);
        var weights = new WeightsParameters("distance-band", gi.NeighbourDistance, null, WeightsStyle.Binary, true);
        var result = new GiStarResult(new GiStarParameters(PAdjustMethod.BenjaminiHochberg, true, weights), g.Columns * g.Rows, double.NaN, double.NaN, values.MoveToImmutable());
        return new HotspotGiStarResult(new HotspotGiStarParameters(gi.NeighbourDistance, gi.NeighbourDistanceAutomatic), grid, result) { Analysed = analysed.MoveToImmutable() };
    }
}

/// <summary>A row of <c>hotspot_classes</c>: how many units of a method and period are in a class.</summary>
/// <param name="Method">gistar, trend, lisa or kde.</param>
/// <param name="Period">Period, as in <c>hotspots</c>.</param>
/// <param name="Class">Class name, as in <c>hotspots</c>.</param>
/// <param name="Units">Grid cells or LSOAs in the class.</param>
/// <param name="Share">Percentage of the method and period's units.</param>
public sealed record HotspotClassCount(string Method, string Period, string Class, long Units, double Share);

/// <summary>A row of <c>hotspot_evaluation</c>: PAI and RRI of one year's hot spots against the next (see <see cref="HotspotEvaluationSettings"/>).</summary>
/// <param name="FoundPeriod">Period the hot spots were found in.</param>
/// <param name="NextPeriod">Period they are tested on.</param>
/// <param name="HotspotRule">Which cells count as hot spots.</param>
/// <param name="HotspotCells">Hot cells.</param>
/// <param name="AreaShare">Their share of the analysed area (fraction).</param>
/// <param name="EventsFound">Events in the found period; null when hidden.</param>
/// <param name="EventsInHotspotsFound">Of those, in the hot cells; null when hidden.</param>
/// <param name="EventsNext">Events in the next period; null when hidden.</param>
/// <param name="EventsInHotspotsNext">Of those, in the hot cells; null when hidden.</param>
/// <param name="PaiFound">PAI in the found period.</param>
/// <param name="PaiNext">Predictive PAI.</param>
/// <param name="Rri">Recapture rate index.</param>
public sealed record HotspotEvaluationRow(
    string FoundPeriod, string NextPeriod, string HotspotRule, long HotspotCells, double AreaShare,
    double? EventsFound, double? EventsInHotspotsFound, double? EventsNext, double? EventsInHotspotsNext,
    double? PaiFound, double? PaiNext, double? Rri);
