using System.Globalization;
using System.Net;
using System.Text;
using NeedsAssessment.Statistics;
using NeedsAssessment.Store;

namespace NeedsAssessment.Pipeline;

/// <summary>An indicator whose comparison with the benchmark changed between two assessments.</summary>
/// <param name="IndicatorId">Indicator id.</param>
/// <param name="Level">Geography level.</param>
/// <param name="AreaName">Area name.</param>
/// <param name="PeriodType">Period type.</param>
/// <param name="Before">Comparison at 95% in the earlier run's latest period.</param>
/// <param name="After">Comparison at 95% in the later run's latest period.</param>
/// <param name="BeforePeriod">Earlier run's latest period start.</param>
/// <param name="AfterPeriod">Later run's latest period start.</param>
public sealed record ComparisonChange(string IndicatorId, string Level, string AreaName, string PeriodType, string Before, string After, DateOnly BeforePeriod, DateOnly AfterPeriod);

/// <summary>A significant change in a count-based rate between the two assessments' latest periods.</summary>
/// <param name="IndicatorId">Indicator id.</param>
/// <param name="Level">Geography level.</param>
/// <param name="AreaName">Area name.</param>
/// <param name="PeriodType">Period type.</param>
/// <param name="BeforeValue">Earlier value.</param>
/// <param name="AfterValue">Later value.</param>
/// <param name="Change">Percentage change in the rate with its 95% interval (exact conditional binomial).</param>
public sealed record SignificantChange(string IndicatorId, string Level, string AreaName, string PeriodType, double BeforeValue, double AfterValue, PercentageChange Change);

/// <summary>Hotspot cells across the two assessments.</summary>
/// <param name="New">Hot now, not before.</param>
/// <param name="Persistent">Hot in both.</param>
/// <param name="Former">Hot before, not now.</param>
public sealed record HotspotChanges(IReadOnlyList<string> New, IReadOnlyList<string> Persistent, IReadOnlyList<string> Former);

/// <summary>What changed between two assessment runs.</summary>
/// <param name="Previous">Earlier run's manifest.</param>
/// <param name="Current">Later run's manifest.</param>
/// <param name="DefinitionChanged">True when the serious violence definition's name or version differs.</param>
/// <param name="CoverageChanges">Sentences on data coverage (kinds, files, rows) that changed.</param>
/// <param name="ComparisonChanges">Indicators whose benchmark comparison changed.</param>
/// <param name="SignificantChanges">Rates that changed significantly, with intervals.</param>
/// <param name="Hotspots">New, persistent and former hotspot cells, when both runs have hotspots.</param>
public sealed record RunComparisonResult(
    RunManifest Previous,
    RunManifest Current,
    bool DefinitionChanged,
    IReadOnlyList<string> CoverageChanges,
    IReadOnlyList<ComparisonChange> ComparisonChanges,
    IReadOnlyList<SignificantChange> SignificantChanges,
    HotspotChanges? Hotspots)
{
    /// <summary>
    /// Why parts of the two runs cannot be read side by side: hot spot grids of different cell size or alignment (their
    /// cells are not the same places, so the hot spots are not compared), or hot spot periods that differ, each naming
    /// the difference.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// Compares two assessment runs for the SRO: indicators whose comparison with the benchmark changed, rates that
/// changed significantly (with intervals), new, persistent and former hotspots, and changes of definition and
/// data coverage. The indicator and hotspot exports are joined in DuckDB.
/// </summary>
public static class RunComparison
{
    /// <summary>Indicator export path inside a run folder.</summary>
    public const string IndicatorCsv = "indicators/indicator_values.csv";

    /// <summary>Hotspot export path inside a run folder.</summary>
    public const string HotspotCsv = "hotspots/hotspots.csv";

    /// <summary>Compares the earlier run folder with the later one.</summary>
    public static RunComparisonResult Compare(string previousFolder, string currentFolder)
    {
        var previous = RunManifest.Read(previousFolder);
        var current = RunManifest.Read(currentFolder);
        var coverage = Coverage(previous, current);
        using var db = AssessmentStore.Open(":memory:");
        var changes = new List<ComparisonChange>();
        var significant = new List<SignificantChange>();
        var before = Path.Combine(previousFolder, IndicatorCsv);
        var after = Path.Combine(currentFolder, IndicatorCsv);
        if (File.Exists(before) && File.Exists(after))
        {
            // Each run's latest period per indicator, level and period type, matched on area.
            string Latest(string path) => $"""
                (SELECT * FROM read_csv({AssessmentStore.Literal(path)}, header = true, all_varchar = true) v
                 QUALIFY period_start = max(period_start) OVER (PARTITION BY indicator_id, level, period_type))
                """;
            var rows = db.Query($"""
                SELECT a.indicator_id, a.level, coalesce(b.area_name, a.area_code), a.period_type,
                       a.comparison95, b.comparison95, a.period_start, b.period_start,
                       TRY_CAST(a.count AS DOUBLE), TRY_CAST(a.denominator AS DOUBLE), TRY_CAST(b.count AS DOUBLE), TRY_CAST(b.denominator AS DOUBLE),
                       TRY_CAST(a.value AS DOUBLE), TRY_CAST(b.value AS DOUBLE), a.method, a.suppressed, b.suppressed
                FROM {Latest(before)} a JOIN {Latest(after)} b USING (indicator_id, level, area_code, period_type)
                WHERE a.period_start <> b.period_start OR a.comparison95 <> b.comparison95
                ORDER BY a.indicator_id, a.level, a.area_code, a.period_type
                """, r => new
            {
                Id = r.GetString(0), Level = r.GetString(1), Area = r.GetString(2), Type = r.GetString(3),
                C0 = r.IsDBNull(4) ? "" : r.GetString(4), C1 = r.IsDBNull(5) ? "" : r.GetString(5),
                P0 = DateOnly.Parse(r.GetString(6), CultureInfo.InvariantCulture), P1 = DateOnly.Parse(r.GetString(7), CultureInfo.InvariantCulture),
                N0 = r.IsDBNull(8) ? (double?)null : r.GetDouble(8), D0 = r.IsDBNull(9) ? (double?)null : r.GetDouble(9),
                N1 = r.IsDBNull(10) ? (double?)null : r.GetDouble(10), D1 = r.IsDBNull(11) ? (double?)null : r.GetDouble(11),
                V0 = r.IsDBNull(12) ? (double?)null : r.GetDouble(12), V1 = r.IsDBNull(13) ? (double?)null : r.GetDouble(13),
                Method = r.IsDBNull(14) ? "" : r.GetString(14),
                Hidden = (!r.IsDBNull(15) && r.GetString(15) == "true") || (!r.IsDBNull(16) && r.GetString(16) == "true"),
            });
            foreach (var x in rows.Where(x => !x.Hidden))
            {
                if (x.C0 != x.C1 && x.C0.Length > 0 && x.C1.Length > 0 && x.C0 != "not compared" && x.C1 != "not compared")
                    changes.Add(new ComparisonChange(x.Id, x.Level, x.Area, x.Type, x.C0, x.C1, x.P0, x.P1));
                // Only crude rates are Poisson counts over person-time, where the exact rate-ratio interval applies.
                if (x.P0 != x.P1 && x.Method is "exact" or "byars" && x.N0 is > 0 && x.N1 is > 0 && x.D0 is > 0 && x.D1 is > 0 && x.V0 is not null && x.V1 is not null)
                {
                    var change = PeriodChange.Calculate(x.N0.Value, x.D0.Value, x.N1.Value, x.D1.Value, 0.95);
                    if (change.PercentLower > 0 || change.PercentUpper < 0)
                        significant.Add(new SignificantChange(x.Id, x.Level, x.Area, x.Type, x.V0.Value, x.V1.Value, change));
                }
            }
        }
        var warnings = new List<string>();
        var sameGrid = HotspotGrids(previousFolder, currentFolder, warnings);
        return new RunComparisonResult(previous, current,
            previous.DefinitionName != current.DefinitionName || previous.DefinitionVersion != current.DefinitionVersion,
            coverage, changes, significant.OrderByDescending(s => Math.Abs(s.Change.Percent)).ToList(),
            sameGrid ? Hotspots(db, Path.Combine(previousFolder, HotspotCsv), Path.Combine(currentFolder, HotspotCsv)) : null) { Warnings = warnings };
    }

    /// <summary>Hot spot parameters file inside a run folder.</summary>
    public const string HotspotParameters = "hotspots/hotspot-parameters.json";

    /// <summary>
    /// Whether the two runs' hot spot cells are the same squares (same cell size, same alignment); adds a warning naming
    /// each difference of grid or period. A cell id names a square's corner, so on grids of different size the same id
    /// is a different place: those runs' hot spots are not compared cell by cell.
    /// </summary>
    private static bool HotspotGrids(string previousFolder, string currentFolder, List<string> warnings)
    {
        static (double Size, double OffsetX, double OffsetY, string? Period)? Read(string folder)
        {
            var path = Path.Combine(folder, HotspotParameters);
            if (!File.Exists(path)) return null;
            try
            {
                using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
                var root = doc.RootElement;
                if (!root.TryGetProperty("grid", out var grid) || !grid.TryGetProperty("cellSize", out var cs)) return null;
                var size = cs.GetDouble();
                double Offset(string name) => grid.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.Number ? ((v.GetDouble() % size) + size) % size : 0;
                return (size, Offset("minX"), Offset("minY"), root.TryGetProperty("period", out var p) && p.ValueKind == System.Text.Json.JsonValueKind.String ? p.GetString() : null);
            }
            catch (System.Text.Json.JsonException) { return null; }
        }
        var a = Read(previousFolder);
        var b = Read(currentFolder);
        if (a is not { } before || b is not { } after) return true;
        var same = true;
        if (before.Size != after.Size)
        {
            warnings.Add($"Hot spots are not compared: the grids differ (cells {Metres(before.Size)} across in the previous run, {Metres(after.Size)} in this one), so the same cell id is a different place. Set the same hotspots.cell_size in both assessment files to compare them.");
            same = false;
        }
        else if (before.OffsetX != after.OffsetX || before.OffsetY != after.OffsetY)
        {
            warnings.Add($"Hot spots are not compared: the grids are aligned differently (origin offset {before.OffsetX:0} m, {before.OffsetY:0} m in the previous run, {after.OffsetX:0} m, {after.OffsetY:0} m in this one), so their cells are different squares.");
            same = false;
        }
        if (before.Period != after.Period && before.Period is not null && after.Period is not null)
        {
            var months = (MonthCount(before.Period), MonthCount(after.Period));
            warnings.Add($"The hot spot periods differ: {before.Period} in the previous run, {after.Period} in this one"
                + (months.Item1 is { } m0 && months.Item2 is { } m1 && m0 != m1 ? $" ({m0} months against {m1}, so counts and hot spots are not like for like)." : " (new, persistent and former hot spots compare these two periods)."));
        }
        return same;
    }

    private static string Metres(double m) => m >= 1000 ? $"{(m / 1000).ToString("0.###", CultureInfo.InvariantCulture)} km" : $"{m.ToString("0", CultureInfo.InvariantCulture)} m";

    private static int? MonthCount(string period)
    {
        var parts = period.Split(':');
        if (parts.Length != 2 || !DateOnly.TryParseExact(parts[0] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !DateOnly.TryParseExact(parts[1] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)) return null;
        return (to.Year - from.Year) * 12 + to.Month - from.Month + 1;
    }

    /// <summary>"higher than", "similar to", "lower than": a comparison as words before "the benchmark".</summary>
    internal static string Against(string comparison) => comparison switch
    {
        "higher" => "higher than",
        "lower" => "lower than",
        "similar" => "similar to",
        _ => comparison + " against",
    };

    private static List<string> Coverage(RunManifest a, RunManifest b)
    {
        var lines = new List<string>();
        var kinds = a.Inputs.Select(i => i.Kind).Concat(b.Inputs.Select(i => i.Kind)).Distinct().Order(StringComparer.Ordinal);
        foreach (var k in kinds)
        {
            var ra = a.Inputs.Where(i => i.Kind == k).ToList();
            var rb = b.Inputs.Where(i => i.Kind == k).ToList();
            if (ra.Count == 0) lines.Add($"New data: {k} ({rb.Count} file(s), {rb.Sum(i => i.RowsLoaded):N0} rows).");
            else if (rb.Count == 0) lines.Add($"No longer included: {k} (was {ra.Count} file(s), {ra.Sum(i => i.RowsLoaded):N0} rows).");
            else if (ra.Sum(i => i.RowsLoaded) != rb.Sum(i => i.RowsLoaded) || ra.Count != rb.Count)
                lines.Add($"{k}: {ra.Count} file(s), {ra.Sum(i => i.RowsLoaded):N0} rows before; {rb.Count} file(s), {rb.Sum(i => i.RowsLoaded):N0} rows now.");
        }
        return lines;
    }

    private static HotspotChanges? Hotspots(AssessmentStore db, string before, string after)
    {
        if (!File.Exists(before) || !File.Exists(after)) return null;
        // Cells classed hot by Gi* in each run's latest period.
        string Hot(string path) => $"""
            (SELECT DISTINCT unit_id FROM read_csv({AssessmentStore.Literal(path)}, header = true, all_varchar = true)
             WHERE method = 'gistar' AND class LIKE 'hot%'
             QUALIFY period = max(period) OVER ())
            """;
        List<string> Ids(string sql) => db.Query(sql, r => r.GetString(0));
        return new HotspotChanges(
            Ids($"SELECT unit_id FROM {Hot(after)} EXCEPT SELECT unit_id FROM {Hot(before)} ORDER BY 1"),
            Ids($"SELECT unit_id FROM {Hot(after)} INTERSECT SELECT unit_id FROM {Hot(before)} ORDER BY 1"),
            Ids($"SELECT unit_id FROM {Hot(before)} EXCEPT SELECT unit_id FROM {Hot(after)} ORDER BY 1"));
    }

    /// <summary>A short Markdown summary an SRO can read.</summary>
    public static string ToMarkdown(RunComparisonResult c, int maxRows = 15)
    {
        var sb = new StringBuilder();
        static string F(double v) => v.ToString(v >= 100 ? "N0" : "N1", CultureInfo.InvariantCulture);
        sb.AppendLine("# What changed since the last assessment").AppendLine();
        sb.AppendLine($"Previous run: definition {c.Previous.DefinitionName} {c.Previous.DefinitionVersion}, {c.Previous.Inputs.Count} input files, run {c.Previous.FinishedAt:yyyy-MM-dd}.  ");
        sb.AppendLine($"This run: definition {c.Current.DefinitionName} {c.Current.DefinitionVersion}, {c.Current.Inputs.Count} input files, run {c.Current.FinishedAt:yyyy-MM-dd}.").AppendLine();
        sb.AppendLine("## Definition and data").AppendLine();
        sb.AppendLine(c.DefinitionChanged
            ? $"- **The serious violence definition changed** (from {c.Previous.DefinitionName} {c.Previous.DefinitionVersion} to {c.Current.DefinitionName} {c.Current.DefinitionVersion}): part of any change below is the definition, not the violence."
            : "- The serious violence definition is the same.");
        foreach (var line in c.CoverageChanges) sb.AppendLine($"- {line}");
        if (c.CoverageChanges.Count == 0) sb.AppendLine("- The same datasets were used.");
        sb.AppendLine().AppendLine("## Significant changes").AppendLine();
        if (c.SignificantChanges.Count == 0) sb.AppendLine("No rate changed significantly between the two latest periods (95% interval of the change includes no change).");
        foreach (var s in c.SignificantChanges.Take(maxRows))
            sb.AppendLine($"- {s.IndicatorId}, {s.AreaName} ({s.Level}, {s.PeriodType.Replace('_', ' ')}): {F(s.BeforeValue)} to {F(s.AfterValue)}, " +
                          $"{(s.Change.Percent >= 0 ? "up" : "down")} {Math.Abs(s.Change.Percent):N1}% (95% CI {s.Change.PercentLower:N1}% to {s.Change.PercentUpper:N1}%).");
        if (c.SignificantChanges.Count > maxRows) sb.AppendLine($"- ... and {c.SignificantChanges.Count - maxRows} more.");
        sb.AppendLine().AppendLine("## Comparison with the benchmark").AppendLine();
        if (c.ComparisonChanges.Count == 0) sb.AppendLine("No area moved between higher, similar and lower than its benchmark.");
        foreach (var x in c.ComparisonChanges.Take(maxRows))
            sb.AppendLine($"- {x.IndicatorId}, {x.AreaName} ({x.Level}): {Against(x.Before)} the benchmark in {x.BeforePeriod:yyyy-MM}, now {Against(x.After)} it in {x.AfterPeriod:yyyy-MM}.");
        if (c.ComparisonChanges.Count > maxRows) sb.AppendLine($"- ... and {c.ComparisonChanges.Count - maxRows} more.");
        sb.AppendLine().AppendLine("## Hotspots").AppendLine();
        foreach (var w in c.Warnings) sb.AppendLine($"- **{w}**");
        if (c.Hotspots is null && c.Warnings.Count == 0) sb.AppendLine("One of the runs has no hotspot export, so hotspots are not compared.");
        else if (c.Hotspots is not null)
            sb.AppendLine($"- New: {c.Hotspots.New.Count} cell(s); persistent: {c.Hotspots.Persistent.Count}; former (no longer hot): {c.Hotspots.Former.Count}.");
        sb.AppendLine().AppendLine("Small numbers are suppressed in both runs' exports and are not compared.");
        return sb.ToString();
    }

    /// <summary>The Markdown summary as a small self-contained HTML page.</summary>
    public static string ToHtml(RunComparisonResult c)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>What changed since the last assessment</title>")
          .Append("<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5;color:#222}h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.5em}</style></head><body>");
        var inList = false;
        foreach (var line in ToMarkdown(c).Split('\n'))
        {
            var t = line.TrimEnd();
            if (t.StartsWith("- ", StringComparison.Ordinal))
            {
                if (!inList) { sb.Append("<ul>"); inList = true; }
                sb.Append("<li>").Append(Inline(t[2..])).Append("</li>");
                continue;
            }
            if (inList) { sb.Append("</ul>"); inList = false; }
            if (t.StartsWith("## ", StringComparison.Ordinal)) sb.Append("<h2>").Append(WebUtility.HtmlEncode(t[3..])).Append("</h2>");
            else if (t.StartsWith("# ", StringComparison.Ordinal)) sb.Append("<h1>").Append(WebUtility.HtmlEncode(t[2..])).Append("</h1>");
            else if (t.Length > 0) sb.Append("<p>").Append(Inline(t)).Append("</p>");
        }
        if (inList) sb.Append("</ul>");
        return sb.Append("</body></html>\n").ToString();

        static string Inline(string s)
        {
            var e = WebUtility.HtmlEncode(s);
            var parts = e.Split("**");
            return string.Concat(parts.Select((p, i) => i % 2 == 1 ? $"<strong>{p}</strong>" : p));
        }
    }
}
