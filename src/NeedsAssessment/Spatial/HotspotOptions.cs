using System.Globalization;
using NeedsAssessment.Indicators;

namespace NeedsAssessment.Spatial;

/// <summary>Which analyses <see cref="HotspotAnalysis.Run"/> performs.</summary>
[Flags]
public enum HotspotMethods
{
    /// <summary>Nothing (only useful to validate options).</summary>
    None = 0,

    /// <summary>Getis-Ord Gi* on a grid for the main period and each yearly period, the over-time classification and PAI/RRI.</summary>
    GiStar = 1,

    /// <summary>Local (and global) Moran's I on LSOA rates with k-nearest-neighbour weights.</summary>
    Lisa = 2,

    /// <summary>Quartic kernel density of events, and dual KDE (events relative to residents).</summary>
    Kde = 4,

    /// <summary>Every method.</summary>
    All = GiStar | Lisa | Kde,
}

/// <summary>What Gi* is computed on.</summary>
public enum HotspotBaseline
{
    /// <summary><see cref="Population"/> when the store has centroids and population, otherwise <see cref="Counts"/>.</summary>
    Automatic,

    /// <summary>Raw event counts per cell (as sfhotspot's <c>hotspot_gistar</c>).</summary>
    Counts,

    /// <summary>
    /// Excess events per cell: observed minus the number expected from the cell's residents at the area-wide rate.
    /// Residents are spread evenly over the cells nearest each LSOA centroid.
    /// </summary>
    Population,
}

/// <summary>An inclusive range of whole months, written <c>yyyy-mm:yyyy-mm</c>.</summary>
/// <param name="From">First month (day 1).</param>
/// <param name="To">Last month (day 1), not before <paramref name="From"/>.</param>
public readonly record struct MonthPeriod(DateOnly From, DateOnly To)
{
    /// <summary>Number of months covered.</summary>
    public int Months => Index(To) - Index(From) + 1;

    /// <summary>True when <paramref name="monthIndex"/> (year × 12 + month − 1) lies in the period.</summary>
    public bool Contains(int monthIndex) => monthIndex >= Index(From) && monthIndex <= Index(To);

    /// <summary>Year × 12 + month − 1, a month number that sorts and subtracts.</summary>
    public static int Index(DateOnly month) => month.Year * 12 + month.Month - 1;

    /// <summary>The first day of the month with index <paramref name="monthIndex"/>.</summary>
    public static DateOnly FromIndex(int monthIndex) => new(monthIndex / 12, monthIndex % 12 + 1, 1);

    /// <summary>The <paramref name="months"/> months ending with <paramref name="lastMonth"/>.</summary>
    public static MonthPeriod Ending(DateOnly lastMonth, int months) =>
        new(FromIndex(Index(lastMonth) - months + 1), new DateOnly(lastMonth.Year, lastMonth.Month, 1));

    /// <summary>Parses <c>yyyy-mm:yyyy-mm</c> (or a single <c>yyyy-mm</c>).</summary>
    /// <exception cref="FormatException">Not in that form, or the end is before the start.</exception>
    public static MonthPeriod Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length is < 1 or > 2) throw new FormatException($"Period '{text}' is not yyyy-mm:yyyy-mm.");
        var from = ParseMonth(parts[0], text);
        var to = parts.Length == 2 ? ParseMonth(parts[1], text) : from;
        if (to < from) throw new FormatException($"Period '{text}' ends before it starts.");
        return new MonthPeriod(from, to);
    }

    private static DateOnly ParseMonth(string s, string whole) =>
        DateOnly.TryParseExact(s.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new FormatException($"Period '{whole}' is not yyyy-mm:yyyy-mm.");

    /// <summary><c>yyyy-mm:yyyy-mm</c>.</summary>
    public override string ToString() =>
        From.ToString("yyyy-MM", CultureInfo.InvariantCulture) + ":" + To.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>A SQL condition on a DATE column <paramref name="column"/> selecting this period.</summary>
    internal string SqlCondition(string column) =>
        string.Create(CultureInfo.InvariantCulture, $"{column} BETWEEN DATE '{From:yyyy-MM-dd}' AND DATE '{To:yyyy-MM-dd}'");
}

/// <summary>
/// Options of <see cref="HotspotAnalysis.Run"/>. Every property has a default chosen for a community safety
/// partnership's strategic needs assessment; the defaults actually applied are written to the parameters file.
/// </summary>
public sealed record HotspotOptions
{
    /// <summary>
    /// Sources of <c>sv_events</c> to use. Null: every source with coordinates, except that police.uk street crime is
    /// left out when the police recorded crime extract is present, because it publishes the same crimes again
    /// (counting both would double every police event).
    /// </summary>
    public IReadOnlyList<string>? Sources { get; init; }

    /// <summary>Serious violence categories to keep (sv_events <c>category</c>); null keeps all.</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>Keep only events the definition counts (<c>in_definition</c>). Default true.</summary>
    public bool InDefinitionOnly { get; init; } = true;

    /// <summary>Main period for the hotspot map, LISA and KDE; when null, the 12 months ending with the last month that has events, cut at the first earlier month without any.</summary>
    public MonthPeriod? Period { get; init; }

    /// <summary>
    /// Periods for hotspots over time, oldest first. Null: consecutive 12-month periods ending at the main period's last
    /// month, as many complete ones as the data covers (at most <see cref="MaxTrendPeriods"/>).
    /// </summary>
    public IReadOnlyList<MonthPeriod>? TrendPeriods { get; init; }

    /// <summary>Most yearly periods chosen automatically. Default 10.</summary>
    public int MaxTrendPeriods { get; init; } = 10;

    /// <summary>Grid cell side in metres; <see cref="HotspotAnalysis.DefaultCellSize"/> when null.</summary>
    public double? CellSize { get; init; }

    /// <summary>Gi* neighbour band in metres; cell size × √2 (the eight surrounding cells) when null.</summary>
    public double? NeighbourDistance { get; init; }

    /// <summary>What Gi* is computed on. Default <see cref="HotspotBaseline.Automatic"/>.</summary>
    public HotspotBaseline Baseline { get; init; } = HotspotBaseline.Automatic;

    /// <summary>False-discovery rate at which a unit counts as a hot spot (Benjamini-Hochberg). Default 0.05.</summary>
    public double FdrLevel { get; init; } = 0.05;

    /// <summary>Analyses to run. Default all.</summary>
    public HotspotMethods Methods { get; init; } = HotspotMethods.All;

    /// <summary>Minimum share of periods hot for any over-time category (sfhotspot default 0.1).</summary>
    public double TrendHotspotProportion { get; init; } = 0.1;

    /// <summary>Share of periods hot for "persistent" (sfhotspot default 0.8).</summary>
    public double TrendPersistentProportion { get; init; } = 0.8;

    /// <summary>Share of periods treated as recent (sfhotspot default 0.2; at least one period).</summary>
    public double TrendRecentProportion { get; init; } = 0.2;

    /// <summary>Neighbours per LSOA for local and global Moran's I. Default 8.</summary>
    public int AreaNeighbours { get; init; } = 8;

    /// <summary>LISA on rates per 1,000 residents (default) or, when false, on counts.</summary>
    public bool AreaRates { get; init; } = true;

    /// <summary>Conditional permutations for LISA pseudo p-values; 0 (default) uses the analytic conditional-randomisation p.</summary>
    public int LisaPermutations { get; init; }

    /// <summary>Seed for LISA permutations.</summary>
    public int Seed { get; init; } = 12345;

    /// <summary>Event KDE bandwidth in metres; null uses <see cref="HotspotAnalysis.DefaultBandwidth"/>.</summary>
    public double? Bandwidth { get; init; }

    /// <summary>Population KDE bandwidth for dual KDE; null uses the same rule as the events.</summary>
    public double? PopulationBandwidth { get; init; }

    /// <summary>Rows in the ranked top list. Default 20.</summary>
    public int TopN { get; init; } = 20;

    /// <summary>
    /// List only the peak cell of each cluster of touching hot cells (default), so one large hot spot does not fill the
    /// list; false lists every hot cell by rank.
    /// </summary>
    public bool TopOnePerCluster { get; init; } = true;

    /// <summary>
    /// Small-number suppression of the published tables and files. Default <see cref="SuppressionPolicy.Nhs"/> (counts
    /// 1-7 hidden), the assessment file's default; hidden counts enter Gi* as the mean of the period's hidden counts so
    /// the published values reproduce every z (see <see cref="HotspotDisclosureSettings"/>).
    /// </summary>
    public SuppressionPolicy Suppression { get; init; } = SuppressionPolicy.Nhs;

    /// <summary>
    /// Folder for <c>hotspots.csv</c>, <c>hotspot-top.csv</c> and <c>hotspot-parameters.json</c>. Null: a
    /// <c>hotspots</c> folder beside the store file (no files for an in-memory store).
    /// </summary>
    public string? OutputFolder { get; init; }

    /// <summary>
    /// Called once the tables are committed and before the files are written: the files are a third of the stage's
    /// time and no table depends on them, so a reader of the tables alone (the report) can start on them meanwhile.
    /// Null when nothing listens.
    /// </summary>
    public Action? TablesWritten { get; init; }
}
