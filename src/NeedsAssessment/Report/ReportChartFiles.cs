using System.Globalization;
using System.Text;
using NeedsAssessment.Charts;

namespace NeedsAssessment.Report;

/// <summary>A figure as the report numbered it.</summary>
/// <param name="Number">Figure number in the report.</param>
/// <param name="Chart">The chart drawn.</param>
public sealed record ReportFigureEntry(int Number, Chart Chart)
{
    /// <summary>
    /// The figure as drawn once for the report and its chart file: PNG, <see cref="ReportChartFiles.PngWidth"/> pixels
    /// wide, the layout of <see cref="Width"/> x <see cref="Height"/> at a higher resolution (the report's figures are
    /// drawn on worker threads: reading it waits for the drawing); null when not drawn.
    /// </summary>
    public byte[]? Png
    {
        get => _png ?? Rendered?.Png;
        init => _png = value;
    }

    private readonly byte[]? _png;

    /// <summary>The figure as queued for drawing (its PNG and, when its files are selected, its SVG); null for an entry made by hand.</summary>
    internal RenderedFigure? Rendered { get; init; }

    /// <summary>Layout width in pixels (the report's image width and the SVG's).</summary>
    public int Width { get; init; } = ChartFile.DefaultWidth;

    /// <summary>Layout height in pixels.</summary>
    public int Height { get; init; } = ChartFile.DefaultHeight;

    /// <summary>Short subject of the figure, used in its file names (e.g. <c>hot-spots</c>).</summary>
    public string Subject => ReportChartFiles.Subject(Chart.Title);

    /// <summary>File name without extension: <c>figure-05-hot-spots</c>.</summary>
    public string FileStem => $"figure-{Number.ToString("00", CultureInfo.InvariantCulture)}-{Subject}";
}

/// <summary>
/// Every figure of the report as files a partnership can put in its own document: <c>charts/figure-NN-subject.png</c>
/// (the report's own image: the figure's layout at 2,000 pixels wide, 17 cm at 300 dpi), <c>.svg</c> and <c>.csv</c>
/// (the figure's data table, the same rows as the report's "Data table for figure N", suppressed cells as published).
/// The assessment file's <c>charts:</c> selects which: <c>all</c> (the default), <c>none</c>, or subjects and figure numbers.
/// </summary>
public static class ReportChartFiles
{
    /// <summary>Folder inside the output folder.</summary>
    public const string Folder = "charts";

    /// <summary>
    /// Width in pixels of every figure's PNG, in the report and in <c>charts/</c>: 17 cm at 300 dpi. The PNG is the
    /// figure's layout drawn at <c>PngWidth / width</c> times its size, so the report's 1,000-pixel charts are drawn at
    /// twice their size and its 800-pixel small multiples at 2.5 times.
    /// </summary>
    public const int PngWidth = 2000;

    /// <summary>The resolution multiplier that draws a chart laid out <paramref name="width"/> pixels wide at <see cref="PngWidth"/>.</summary>
    public static float PngScale(int width) => Math.Max(1f, PngWidth / (float)width);

    /// <summary>The figure as PNG bytes, drawn once: <see cref="PngWidth"/> wide, the layout of <paramref name="width"/> x <paramref name="height"/>.</summary>
    internal static byte[] Png(Chart chart, int width, int height) => ChartFile.PngBytes(chart.Plot, width, height, PngScale(width));

    /// <summary>The subjects the report's own figures are filed under (a figure added later gets one from its title).</summary>
    public static IReadOnlyList<string> KnownSubjects { get; } =
    [
        "district-rates", "funnel-plot", "volume-and-severity", "concentration", "deprivation", "police-and-health", "hot-spots",
        "neighbourhood-rates-map", "monthly-trend", "day-and-hour", "victims-by-age-and-sex", "observed-and-expected", "area-types", "forecast",
        "indicator-spine", "local-moran-clusters", "density-surface", .. ThemeChapters.ChartSubjects,
    ];

    /// <summary>The figure's short subject from its title: a known one, else the first words of the title.</summary>
    /// <param name="title">The chart's title.</param>
    /// <returns>Lower-case words joined by hyphens.</returns>
    public static string Subject(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var t = title.ToLowerInvariant();
        bool Has(string s) => t.Contains(s, StringComparison.Ordinal);
        // A theme chapter's figures are filed under their theme (theme-hate-districts), whatever their titles say.
        if (ThemeChapters.ChartSubject(title) is { } theme) return theme;
        // Forecast titles also say "per month", so they are recognised first.
        if (Has("forecast")) return "forecast";
        if (Has("hot and cold spots")) return "hot-spots";
        if (Has("against the range")) return "indicator-spine";
        if (Has("local moran")) return "local-moran-clusters";
        if (Has("kernel density")) return "density-surface";
        if (Has("funnel")) return "funnel-plot";
        if (Has("rate by district")) return "district-rates";
        if (Has("how common and how serious") || Has("volume and severity") || Has("by volume and mean maximum penalty")) return "volume-and-severity";
        if (Has("lorenz")) return "concentration";
        if (Has("deprivation")) return "deprivation";
        if (Has("emergency department")) return "police-and-health";
        if (Has("by neighbourhood (lsoa)")) return "neighbourhood-rates-map";
        if (Has("per month")) return "monthly-trend";
        if (Has("day of the week")) return "day-and-hour";
        if (Has("victims") && Has("age")) return "victims-by-age-and-sex";
        if (Has("observed") && Has("expected")) return "observed-and-expected";
        if (Has("typology") || Has("area type") || Has("profile")) return "area-types";
        var words = new List<string>();
        var word = new StringBuilder();
        var depth = 0;
        foreach (var ch in t)
        {
            if (ch == '(') depth++;
            else if (ch == ')') depth = Math.Max(0, depth - 1);
            else if (depth == 0 && ch is >= 'a' and <= 'z' or >= '0' and <= '9') { word.Append(ch); continue; }
            if (word.Length > 0) { words.Add(word.ToString()); word.Clear(); }
        }
        if (word.Length > 0) words.Add(word.ToString());
        var kept = words.Where(w => w is not ("the" or "of" or "a" or "an" or "and" or "with" or "by" or "in")).Take(5).ToList();
        return kept.Count == 0 ? "figure" : string.Join('-', kept);
    }

    /// <summary>True when the <c>charts:</c> selection includes the figure: <c>all</c>, its subject, or its number (<c>5</c> or <c>figure-05</c>).</summary>
    /// <param name="selection">The assessment file's <c>charts:</c> list.</param>
    /// <param name="figure">The figure.</param>
    /// <returns>Whether to write its files.</returns>
    public static bool Selected(IReadOnlyList<string> selection, ReportFigureEntry figure)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(figure);
        return selection.Any(s =>
        {
            var x = s.Trim().ToLowerInvariant();
            return x == "all" || x == figure.Subject || x == figure.FileStem[..9]
                || (int.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n == figure.Number);
        });
    }

    /// <summary>
    /// Checks a <c>charts:</c> selection: <c>all</c>, <c>none</c>, figure numbers, or subjects of
    /// <see cref="KnownSubjects"/> or of the figures drawn.
    /// </summary>
    /// <exception cref="UserErrorException">An entry names no figure.</exception>
    internal static void Check(IReadOnlyList<string> selection, IReadOnlyList<ReportFigureEntry> figures)
    {
        foreach (var s in selection)
        {
            var x = s.Trim().ToLowerInvariant();
            if (x is "all" or "none" || KnownSubjects.Contains(x) || figures.Any(f => f.Subject == x || f.FileStem[..9] == x)
                || int.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out _)) continue;
            throw new UserErrorException($"charts: '{s}' names no figure of the report. Use all, none, figure numbers (5 or figure-05) or subjects: "
                + string.Join(", ", KnownSubjects.Union(figures.Select(f => f.Subject)).Order(StringComparer.Ordinal)) + ".");
        }
    }

    /// <summary>Writes the selected figures' PNG, SVG and CSV into <c>charts/</c> under <paramref name="outputFolder"/>.</summary>
    /// <param name="outputFolder">The output folder.</param>
    /// <param name="figures">The report's figures, numbered.</param>
    /// <param name="options">Chart size and the <c>charts:</c> selection.</param>
    /// <returns>The files written, relative to <paramref name="outputFolder"/>, with '/' separators, in order.</returns>
    public static IReadOnlyList<string> Write(string outputFolder, IReadOnlyList<ReportFigureEntry> figures, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(options);
        Check(options.Charts, figures);
        var written = new List<string>();
        var folder = Path.Combine(outputFolder, Folder);
        foreach (var f in figures.Where(f => Selected(options.Charts, f)))
        {
            var stem = Path.Combine(folder, f.FileStem);
            Directory.CreateDirectory(folder);
            // The report's own bytes: each figure is rendered once.
            File.WriteAllBytes(stem + ".png", f.Png ?? Png(f.Chart, f.Width, f.Height));
            File.WriteAllText(stem + ".svg", f.Rendered?.Svg ?? ChartFile.SvgText(f.Chart.Plot, f.Width, f.Height), new UTF8Encoding(false));
            File.WriteAllText(stem + ".csv", Csv(f.Chart.Data), new UTF8Encoding(false));
            written.AddRange([$"{Folder}/{f.FileStem}.png", $"{Folder}/{f.FileStem}.svg", $"{Folder}/{f.FileStem}.csv"]);
        }
        Store.PhaseTrace.Mark("report: chart files (SVG, and the report's PNG) written");
        return written;
    }

    /// <summary>
    /// The figure's data table as CSV (RFC 4180): its headings, then its rows as the report prints them, except that a
    /// number's thousands separators are dropped so a spreadsheet reads it as a number and a month is written ISO
    /// (2024-04, never a day-first or month-first date). Suppressed cells keep their text.
    /// </summary>
    /// <param name="table">The chart's data table.</param>
    /// <returns>CSV text with '\n' line ends.</returns>
    public static string Csv(ChartDataTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sb = new StringBuilder();
        sb.Append(string.Join(',', table.Columns.Select(Quote))).Append('\n');
        foreach (var row in table.Rows)
            sb.Append(string.Join(',', row.Select(c => Quote(CsvCell(c))))).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// A data table cell as the CSV and the workbook's figure sheet hold it: a number without thousands separators, a
    /// month ("Apr 2024") as ISO 8601 ("2024-04"), any other text unchanged.
    /// </summary>
    public static string CsvCell(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var t = cell.Trim();
        return t.Length == 8 && DateTime.TryParseExact(t, "MMM yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            ? month.ToString("yyyy-MM", CultureInfo.InvariantCulture)
            : PlainNumber(cell);
    }

    /// <summary>"12,345.6" becomes "12345.6"; any other text is unchanged.</summary>
    internal static string PlainNumber(string cell)
    {
        var t = cell.Trim();
        if (t.Length == 0 || !t.Contains(',', StringComparison.Ordinal)) return cell;
        var bare = t.Replace(",", "", StringComparison.Ordinal);
        return double.TryParse(bare, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
            && System.Text.RegularExpressions.Regex.IsMatch(t, @"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$") ? bare : cell;
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
