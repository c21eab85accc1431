using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using NeedsAssessment.Indicators;
using NeedsAssessment.Spatial;
using NeedsAssessment.Report;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Report;

/// <summary>
/// Joins what an SRO reads to the result tables: every number in a numeric cell of the report's tables and figure
/// data tables, by section, must be a value of a row of a result table that section reads from (to the precision
/// printed); every number in the workbook must be a value of a published indicator row (to 1e-9).
/// </summary>
internal static partial class ReportTrace
{
    /// <summary>A number as printed, with where it was.</summary>
    public sealed record Printed(string Section, string Token, double Value, double Tolerance, string Cell, int CellIndex);

    /// <summary>
    /// The result tables each report section draws from, as table-name prefixes. Input tables and classified events
    /// are never sources: a number that only they hold was computed by the view.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> SectionSources = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["findings"] = [IndicatorTable.ExportName, "descriptive_", "hotspot_top"],
        ["priorities"] = [IndicatorTable.ExportName, "descriptive_", "hotspot_top"],
        ["definition"] = ["descriptive_"],
        ["prevalence"] = [IndicatorTable.ExportName, "descriptive_"],
        ["comparisons"] = [IndicatorTable.ExportName, IndicatorTrendTable.Table],
        ["where"] = [IndicatorTable.ExportName, "descriptive_", "hotspot_top", "hotspot_classes", "hotspots", HotspotAnalysis.EvaluationTable],
        ["when"] = ["descriptive_"],
        ["who"] = [IndicatorTable.ExportName, "descriptive_"],
        ["justice"] = ["descriptive_outcomes", "descriptive_period"],
        ["model"] = ["model_", "area_typology", "forecast"],
        ["data"] = ["descriptive_", "loads", "sv_penalty_recall"],
        ["methods"] = ["descriptive_", "hotspot_parameters", "sv_penalty_recall"],
        // The partnership's priorities (Report/ThemeChapters.cs): published indicator rows, the rural and urban tables, repeat victims and victim rates.
        ["theme-vawg"] = [IndicatorTable.ExportName, "descriptive_rural_urban", "descriptive_repeat", "descriptive_victim_rates"],
        ["theme-domestic-abuse"] = [IndicatorTable.ExportName, "descriptive_rural_urban", "descriptive_repeat", "descriptive_victim_rates"],
        ["theme-hate"] = [IndicatorTable.ExportName, "descriptive_rural_urban", "descriptive_repeat", "descriptive_victim_rates"],
        ["theme-rural"] = [IndicatorTable.ExportName, "descriptive_rural_urban", "descriptive_repeat", "descriptive_victim_rates"],
        ["theme-early-intervention"] = [IndicatorTable.ExportName, "descriptive_rural_urban", "descriptive_repeat", "descriptive_victim_rates"],
    };

    /// <summary>Every number in a numeric cell (<c>td class="n..."</c>), with the id of the section it is in.</summary>
    public static List<Printed> Numbers(string html)
    {
        var list = new List<Printed>();
        var cellIndex = 0;
        foreach (Match section in Section().Matches(html))
        {
            var id = section.Groups["id"].Value;
            foreach (Match cell in NumericCell().Matches(section.Groups["body"].Value))
            {
                cellIndex++;
                var text = WebUtility.HtmlDecode(Tags().Replace(cell.Groups[1].Value, " ")).Replace('\u2212', '-');
                foreach (Match m in NumberToken().Matches(text))
                {
                    var token = m.Value;
                    var value = double.Parse(token.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);
                    var dot = token.IndexOf('.', StringComparison.Ordinal);
                    var decimals = dot < 0 ? 0 : token.Length - dot - 1;
                    list.Add(new Printed(id, token, value, 0.5 * Math.Pow(10, -decimals) + 1e-9, text.Trim(), cellIndex));
                }
            }
        }
        return list;
    }

    /// <summary>
    /// Numbers of <paramref name="html"/> that no row of their section's source tables holds. The numbers of one cell
    /// (a value and its interval) must all be in the same result row, so a changed value beside its interval is found
    /// even when some other row happens to hold the changed value.
    /// </summary>
    public static List<Printed> Untraced(string html, AssessmentStore store, out int checkedCount) =>
        Untraced(html, store, new SourceRows(), out checkedCount);

    /// <summary>
    /// The result rows <see cref="Untraced(string, AssessmentStore, SourceRows, out int)"/> read from one store and their
    /// indexes, kept between calls: a second report of the same unchanged store (a copy with one value changed, say) is
    /// joined without reading and sorting every result table again. Use one only with the store it was filled from.
    /// </summary>
    public sealed class SourceRows
    {
        internal List<string>? Tables { get; set; }

        // Most sections read the published indicator rows, the largest table: each table is read once and each set of
        // source tables indexed once (it was read and sorted again for every section that reads it).
        internal Dictionary<string, List<double[]>> ByTable { get; } = new(StringComparer.Ordinal);

        internal Dictionary<string, RowIndex> BySources { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>As <see cref="Untraced(string, AssessmentStore, out int)"/>, reading <paramref name="store"/>'s rows through <paramref name="sourceRows"/>.</summary>
    public static List<Printed> Untraced(string html, AssessmentStore store, SourceRows sourceRows, out int checkedCount)
    {
        var tables = sourceRows.Tables ??= store.Query("SELECT table_name FROM information_schema.tables ORDER BY 1", r => r.GetString(0));
        var bySection = new Dictionary<string, RowIndex>(StringComparer.Ordinal);
        var rowsByTable = sourceRows.ByTable;
        var bySources = sourceRows.BySources;
        var numbers = Numbers(html);
        checkedCount = numbers.Count;
        var untraced = new List<Printed>();
        foreach (var cell in numbers.GroupBy(n => n.CellIndex))
        {
            var list = cell.ToList();
            var section = list[0].Section;
            if (!SectionSources.TryGetValue(section, out var prefixes))
                throw new InvalidOperationException($"The report has a section '{section}' that ReportTrace.SectionSources does not list.");
            if (!bySection.TryGetValue(section, out var index))
            {
                var sources = tables.Where(t => prefixes.Any(p => t.StartsWith(p, StringComparison.Ordinal))).ToList();
                var key = (section == "data" ? "data:" : "") + string.Join('|', sources);
                if (!bySources.TryGetValue(key, out index))
                {
                    var rows = new List<double[]>();
                    foreach (var table in sources)
                    {
                        if (!rowsByTable.TryGetValue(table, out var tableRows)) rowsByTable[table] = tableRows = Rows(store, [table]);
                        rows.AddRange(tableRows);
                    }
                    // Per-kind totals of the loads table, through the one reader of the store's load record the report uses.
                    if (section == "data")
                        rows.AddRange(StoreStatus.Read(store).Select(k => new double[] { k.Files, k.RowsRead, k.RowsLoaded, k.RowsQuarantined }.Order().ToArray()));
                    bySources[key] = index = new RowIndex(rows);
                }
                bySection[section] = index;
            }
            if (!index.HoldsTogether(list)) untraced.AddRange(list);
        }
        return untraced;
    }

    /// <summary>Result rows, each with its numeric values sorted, and an index from value to row.</summary>
    internal sealed class RowIndex
    {
        private readonly List<double[]> _rows;
        private readonly (double Value, int Row)[] _byValue;

        public RowIndex(List<double[]> rows)
        {
            _rows = rows;
            _byValue = rows.SelectMany((r, i) => r.Select(v => (v, i))).OrderBy(t => t.v).ToArray();
        }

        // Shown as printed (a count, a rate) or, for a share held as a fraction, as a percentage.
        private static readonly double[] Scales = [1, 100];

        public bool HoldsTogether(IReadOnlyList<Printed> numbers)
        {
            foreach (var scale in Scales)
            {
                var first = numbers[0];
                var lo = first.Value / scale - first.Tolerance / scale;
                var hi = first.Value / scale + first.Tolerance / scale;
                var i = LowerBound(lo);
                for (; i < _byValue.Length && _byValue[i].Value <= hi; i++)
                {
                    var row = _rows[_byValue[i].Row];
                    if (numbers.Skip(1).All(n => Traced(row, n.Value / scale, n.Tolerance / scale))) return true;
                }
            }
            return false;
        }

        private int LowerBound(double v)
        {
            int a = 0, b = _byValue.Length;
            while (a < b)
            {
                var m = (a + b) / 2;
                if (_byValue[m].Value < v) a = m + 1; else b = m;
            }
            return a;
        }
    }

    /// <summary>Numeric cells of every sheet of a workbook that no published indicator row holds (to 1e-9, or to the unit for rounded denominators).</summary>
    public static List<string> UntracedWorkbookCells(string path, AssessmentStore store, out int checkedCount, out Dictionary<string, int> rowsPerSheet) =>
        UntracedWorkbookCells(XlsxSheets.Read(path), store, out checkedCount, out rowsPerSheet);

    /// <summary>The same check on a workbook's <paramref name="sheets"/> already read (<see cref="XlsxSheets.Read"/>).</summary>
    internal static List<string> UntracedWorkbookCells(IReadOnlyList<XlsxSheet> sheets, AssessmentStore store, out int checkedCount, out Dictionary<string, int> rowsPerSheet)
    {
        var published = Values(store, store.Query("SELECT table_name FROM information_schema.tables ORDER BY 1", r => r.GetString(0))
            .Where(t => t == IndicatorTable.ExportName || t.StartsWith("descriptive_", StringComparison.Ordinal)));
        var untraced = new List<string>();
        checkedCount = 0;
        rowsPerSheet = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sheet in sheets)
        {
            rowsPerSheet[sheet.Name] = sheet.Rows.Count - 1;
            // The figures' data tables are the report's, traced number by number in its HTML (to the precision printed);
            // ReportWorkbookReadBackTests checks this sheet holds exactly them.
            if (sheet.Name == IndicatorWorkbook.FigureSheet) continue;
            foreach (var cell in sheet.Rows.SelectMany(r => r).Where(c => c.IsNumber || (c.Type is null && c.Value is not null)))
            {
                var v = double.Parse(cell.Value!, NumberStyles.Float, CultureInfo.InvariantCulture);
                checkedCount++;
                var reference = cell.Reference;
                // Column F, the denominator, is written rounded to whole people.
                var tolerance = reference.StartsWith('F') ? 0.5 + 1e-9 : Math.Max(1e-9, Math.Abs(v) * 1e-12);
                if (!Traced(published, v, tolerance)) untraced.Add($"{sheet.Name}!{reference} = {cell.Value}");
            }
        }
        return untraced;
    }

    /// <summary>True when a value within <paramref name="tolerance"/> of <paramref name="value"/> is in the sorted <paramref name="published"/>.</summary>
    public static bool Traced(double[] published, double value, double tolerance)
    {
        var i = Array.BinarySearch(published, value - tolerance);
        if (i < 0) i = ~i;
        return i < published.Length && published[i] <= value + tolerance;
    }

    /// <summary>Every finite numeric value of every row of <paramref name="tables"/>, sorted.</summary>
    public static double[] Values(AssessmentStore store, IEnumerable<string> tables)
    {
        var values = Rows(store, tables).SelectMany(r => r).ToList();
        values.Sort();
        return values.ToArray();
    }

    /// <summary>The finite numeric values of each row of <paramref name="tables"/>, each row's sorted.</summary>
    private static List<double[]> Rows(AssessmentStore store, IEnumerable<string> tables)
    {
        var rows = new List<double[]>();
        foreach (var table in tables)
        {
            foreach (var row in store.Query($"SELECT * FROM \"{table}\"", r =>
                     {
                         var v = new List<double>();
                         for (var i = 0; i < r.FieldCount; i++)
                         {
                             if (r.IsDBNull(i)) continue;
                             var o = r.GetValue(i);
                             if (o is long or int or short or byte or double or float or decimal or ulong or uint)
                                 v.Add(Convert.ToDouble(o, CultureInfo.InvariantCulture));
                             else if (o is System.Numerics.BigInteger b) v.Add((double)b);
                         }
                         return v;
                     }))
                rows.Add(row.Where(double.IsFinite).Order().ToArray());
        }
        return rows;
    }

    [GeneratedRegex("<section id=\"(?<id>[a-z-]+)\"[^>]*>(?<body>.*?)</section>", RegexOptions.Singleline)]
    private static partial Regex Section();

    [GeneratedRegex("<td[^>]*class=\"n[^\"]*\"[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex NumericCell();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"(?<![\d.,A-Za-z])[-+]?\d[\d,]*(\.\d+)?")]
    private static partial Regex NumberToken();
}
