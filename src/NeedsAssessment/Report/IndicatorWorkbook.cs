using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NeedsAssessment.Store;

namespace NeedsAssessment.Report;

/// <summary>
/// The indicator tables as an Excel workbook for SROs and analysts: one sheet per domain (prevalence, severity,
/// impact) at the report's period; <c>Data</c>, every published row of every period for the partnership, hubs,
/// districts and wards, one row per indicator, area and period as Fingertips exports them (codes, 95% and 99.8%
/// limits, the benchmark value and comparisons, the previous period's value and the recent trend where the
/// descriptives stage tested one); <c>LSOA</c>, the same for neighbourhoods; <c>Figure data</c>, the report's figures'
/// data tables (when written with the report); and notes. Every value is a published row's, suppression as published.
/// </summary>
public static class IndicatorWorkbook
{
    /// <summary>Name of the workbook file written into the output folder.</summary>
    public const string FileName = "indicators.xlsx";

    /// <summary>Sheet names in order.</summary>
    public static IReadOnlyList<string> SheetNames { get; } = ["Prevalence", "Severity", "Impact", DataSheet, LsoaSheet, FigureSheet, "Notes"];

    /// <summary>Every published row but the neighbourhoods', Fingertips' long layout.</summary>
    public const string DataSheet = "Data";

    /// <summary>The neighbourhoods' (LSOA) published rows, the same layout.</summary>
    public const string LsoaSheet = "LSOA";

    /// <summary>The report's figures' data tables (written only with the report).</summary>
    public const string FigureSheet = "Figure data";

    /// <summary>Fixed time stamped on every zip entry, so the same inputs give a byte-identical file.</summary>
    internal static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Count in column E, denominator in F and value in G on every indicator sheet.
    private static readonly string[] Headers =
        ["Indicator", "Area", "Area type", "Period", "Count", "Denominator", "Value", "Lower 95% limit", "Upper 95% limit", "Compared with partnership", "Method", "Note",
         "Area code", "Lower 99.8% limit", "Upper 99.8% limit", "Benchmark value", "Compared with partnership (99.8%)"];

    private static readonly double[] Widths = [60, 26, 13, 26, 11, 13, 10, 12, 12, 20, 26, 48, 12, 12, 12, 12, 20];

    private static readonly string[] DataHeaders =
        ["Indicator Name", "Area Name", "Area Type", "Time period", "Count", "Denominator", "Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit",
         "Lower CI 99.8 limit", "Upper CI 99.8 limit", "Benchmark value", "Compared to benchmark (95%)", "Compared to benchmark (99.8%)",
         "Previous period value", "Recent trend", "Indicator ID", "Area Code", "Period start", "Period end", "Period type", "Method", "Value note"];

    private static readonly double[] DataWidths = [60, 26, 13, 26, 11, 13, 10, 12, 12, 12, 12, 12, 18, 18, 12, 36, 26, 12, 11, 11, 16, 20, 40];

    // Cell style indexes in the stylesheet below.
    private const uint Header = 1, CountStyle = 2, OneDecimal = 3, PercentStyle = 4, TwoDecimals = 5, Wrap = 6, Hidden = 7;

    /// <summary>Writes <c>indicators.xlsx</c> into <paramref name="outputFolder"/>; the same store and options give a byte-identical file.</summary>
    /// <param name="store">A store after ingestion and classification.</param>
    /// <param name="outputFolder">Folder to write into (created when absent).</param>
    /// <param name="options">Suppression rule and severity settings, as for the report.</param>
    /// <returns>Full path of the workbook.</returns>
    /// <param name="figures">The report's figures, for the <c>Figure data</c> sheet; null leaves the sheet out.</param>
    public static string Write(AssessmentStore store, string outputFolder, ReportOptions? options = null, IReadOnlyList<ReportFigureEntry>? figures = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new ReportOptions();
        return WriteFrom(ReportView.Load(store, options), outputFolder, options, figures);
    }

    /// <summary>Writes the workbook from a view already read (the report stage reads the result tables once for both).</summary>
    internal static string WriteFrom(ReportView data, string outputFolder, ReportOptions options, IReadOnlyList<ReportFigureEntry>? figures) =>
        WriteFrom(data, outputFolder, options, () => figures);

    /// <summary>
    /// Writes the workbook from a view already read, asking for the report's figures (<paramref name="figures"/>, which
    /// may wait for them) only once the long sheets, which need only the view, are rendered: the report stage starts
    /// the workbook beside the report's sections.
    /// </summary>
    internal static string WriteFrom(ReportView data, string outputFolder, ReportOptions options, Func<IReadOnlyList<ReportFigureEntry>?> figures)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        var rule = data.Rule;
        var indicators = ReportIndicators.Build(data, includeWards: true);
        var notes = Notes(data, rule, options);
        var trends = Trends(data);

        // The long sheets (tens of thousands of rows) are written as XML straight into the final zip; the package holds
        // an empty sheet in their place, so nothing is compressed twice or held as a document tree.
        var dataRows = Rendered(s => LongSheet(s, data, data.Indicators.Where(r => r.Level != "lsoa"), trends));
        var lsoaRows = Rendered(s => LongSheet(s, data, data.Indicators.Where(r => r.Level == "lsoa"), trends));
        var figureEntries = figures();
        var longSheets = new Dictionary<string, MemoryStream>(StringComparer.Ordinal);
        using var package = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(package, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = doc.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>("rIdStyles");
            styles.Stylesheet = Stylesheet();
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var name in SheetNames)
            {
                if (name == FigureSheet && figureEntries is null) continue;
                var relId = "rIdSheet" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var part = workbookPart.AddNewPart<WorksheetPart>(relId);
                switch (name)
                {
                    case "Notes": part.Worksheet = NotesSheet(notes); break;
                    case DataSheet:
                        part.Worksheet = new Worksheet();
                        longSheets[part.Uri.OriginalString.TrimStart('/')] = dataRows;
                        break;
                    case LsoaSheet:
                        part.Worksheet = new Worksheet();
                        longSheets[part.Uri.OriginalString.TrimStart('/')] = lsoaRows;
                        break;
                    case FigureSheet: part.Worksheet = FiguresSheet(figureEntries!); break;
                    default: part.Worksheet = DomainSheet(indicators.Where(i => i.Domain == name.ToLowerInvariant()).ToList()); break;
                }
                sheets.Append(new Sheet { Id = relId, SheetId = id, Name = name });
                id++;
            }
            workbookPart.Workbook.Save();
        }

        Directory.CreateDirectory(outputFolder);
        var path = Path.GetFullPath(Path.Combine(outputFolder, FileName));
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            Normalise(package.ToArray(), file, longSheets);
        return path;
    }

    /// <summary>A sheet's XML, written by <paramref name="write"/>, held in memory until its zip entry is written.</summary>
    private static MemoryStream Rendered(Action<Stream> write)
    {
        var xml = new MemoryStream();
        write(xml);
        return xml;
    }

    /// <summary>
    /// Rewrites the package's zip with every entry stamped <see cref="EntryTime"/>, in name order, so two runs give the
    /// same bytes (the packaging layer stamps entries with the current time).
    /// </summary>
    internal static byte[] Normalise(byte[] zip)
    {
        using var output = new MemoryStream();
        Normalise(zip, output, new Dictionary<string, MemoryStream>(StringComparer.Ordinal));
        return output.ToArray();
    }

    /// <summary>
    /// <see cref="Normalise(byte[])"/> into <paramref name="output"/>, with the entries named in
    /// <paramref name="replace"/> given their rendered XML instead of taken from <paramref name="zip"/>.
    /// </summary>
    private static void Normalise(byte[] zip, Stream output, IReadOnlyDictionary<string, MemoryStream> replace)
    {
        using var input = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var entries = input.Entries.Select(e =>
        {
            if (replace.ContainsKey(e.FullName)) return (e.FullName, Bytes: Array.Empty<byte>());
            using var s = e.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            var bytes = m.ToArray();
            if (e.FullName == "_rels/.rels")
            {
                // The packaging layer names package-level relationships with random ids ("R" + 16 hex digits); nothing
                // refers to them by id, so number them in order instead.
                var n = 0;
                var xml = System.Text.RegularExpressions.Regex.Replace(System.Text.Encoding.UTF8.GetString(bytes), "Id=\"R[0-9a-f]{16}\"",
                    _ => $"Id=\"rIdPackage{++n}\"");
                bytes = System.Text.Encoding.UTF8.GetBytes(xml);
            }
            return (e.FullName, Bytes: bytes);
        }).ToList();
        // [Content_Types].xml first, as Office writes it; the rest in ordinal name order.
        entries = entries.OrderBy(e => e.FullName == "[Content_Types].xml" ? 0 : 1).ThenBy(e => e.FullName, StringComparer.Ordinal).ToList();
        using var zipOut = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, bytes) in entries)
        {
            var entry = zipOut.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = EntryTime;
            using var s = entry.Open();
            if (replace.TryGetValue(name, out var xml))
            {
                // Deflate's output depends on how the input is cut into writes; one write gives the bytes the package
                // has always had.
                s.Write(xml.GetBuffer(), 0, (int)xml.Length);
            }
            else s.Write(bytes);
        }
    }

    private static Worksheet DomainSheet(IReadOnlyList<ReportIndicator> rows)
    {
        var data = new SheetData();
        uint r = 1;
        var header = new Row { RowIndex = r };
        foreach (var h in Headers) header.Append(Text(h, Header));
        data.Append(Referenced(header));
        foreach (var i in rows)
        {
            r++;
            var row = new Row { RowIndex = r };
            var valueStyle = i.Kind switch { ValueKind.Percent => PercentStyle, ValueKind.Index => TwoDecimals, ValueKind.Whole => CountStyle, _ => OneDecimal };
            row.Append(Text(i.Name, Wrap), Text(i.AreaName), Text(AreaType(i.Level)), Text(i.Period));
            // Counts arrive suppressed by the stage that published them.
            row.Append(i.Suppressed ? Text(ReportFormat.Hidden, Hidden) : i.Count is { } c ? Number(c, CountStyle) : Text(""));
            row.Append(i.Suppressed && i.Kind == ValueKind.Percent ? Text(ReportFormat.Hidden, Hidden)
                : i.Denominator is { } d ? Number(Math.Round(d), CountStyle) : Text(""));
            row.Append(i.HasValue ? Number(i.Value!.Value, valueStyle) : Text(i.Suppressed ? ReportFormat.Hidden : "", Hidden));
            row.Append(i.HasValue && i.Lower is { } lo && double.IsFinite(lo) ? Number(lo, valueStyle) : Text(""));
            row.Append(i.HasValue && i.Upper is { } up && double.IsFinite(up) ? Number(up, valueStyle) : Text(""));
            row.Append(Text(i.Comparison), Text(i.Method), Text(ReportFormat.Prose(i.Note), Wrap));
            row.Append(Text(i.AreaCode));
            row.Append(i.HasValue && i.Lower998 is { } lo998 && double.IsFinite(lo998) ? Number(lo998, valueStyle) : Text(""));
            row.Append(i.HasValue && i.Upper998 is { } up998 && double.IsFinite(up998) ? Number(up998, valueStyle) : Text(""));
            row.Append(i.BenchmarkValue is { } bv && double.IsFinite(bv) ? Number(bv, valueStyle) : Text(""));
            row.Append(Text(i.Comparison998 ?? ""));
            data.Append(Referenced(row));
        }
        var columns = new Columns();
        for (var c = 0; c < Widths.Length; c++)
            columns.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = Widths[c], CustomWidth = true });
        var views = new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        { WorkbookViewId = 0 });
        var sheet = new Worksheet(views, new SheetFormatProperties { DefaultRowHeight = 15 }, columns, data);
        sheet.Append(new AutoFilter { Reference = $"A1:{Column(Headers.Length - 1)}{Math.Max(r, 2u)}" });
        return sheet;
    }

    /// <summary>
    /// The descriptives stage's tested change on the previous period (serious violence rate, partnership and districts,
    /// the report's period), keyed by area code: the only trend test the published rows carry.
    /// </summary>
    private static Dictionary<string, string> Trends(ReportView data) =>
        data.Descriptives.Change.Where(c => !c.Suppressed && c.Comparison is "increase" or "decrease" or "no clear change")
            .GroupBy(c => c.AreaCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => $"{g.First().Comparison} on {data.PreviousLabel} (exact conditional binomial test, 95%)", StringComparer.Ordinal);

    /// <summary>
    /// Every published row given, one per indicator, area and period (Fingertips' export layout), streamed: the LSOA
    /// rows of five years run to tens of thousands.
    /// </summary>
    private static void LongSheet(Stream output, ReportView view, IEnumerable<Indicators.IndicatorValue> published, Dictionary<string, string> trends)
    {
        var names = Indicators.IndicatorCatalogue.Default.Indicators.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        var order = Indicators.IndicatorCatalogue.Default.Indicators.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        // A non-disclosive indicator's count is a number of areas, not of people or events: left empty, as on the domain sheets.
        var areaCounts = Indicators.IndicatorCatalogue.Default.Indicators.Where(d => !d.Disclosive).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var rows = published.Select(r => (Row: r, Breakdown: Breakdown(r))).OrderBy(r => order.GetValueOrDefault(r.Row.IndicatorId, int.MaxValue)).ThenBy(r => r.Row.IndicatorId, StringComparer.Ordinal)
            .ThenBy(r => LevelOrder(r.Row.Level)).ThenBy(r => r.Row.AreaCode, StringComparer.Ordinal).ThenBy(r => r.Row.PeriodType, StringComparer.Ordinal)
            .ThenBy(r => r.Row.PeriodStart).ThenBy(r => r.Row.PeriodEnd).ThenBy(r => r.Breakdown, StringComparer.Ordinal).ToList();
        // The previous period of the same indicator, area and period type: the row whose period ends just before this one starts.
        var previous = new Dictionary<(string, string, string, string, DateOnly), Indicators.IndicatorValue>();
        foreach (var (r, b) in rows) previous.TryAdd((r.IndicatorId, r.AreaCode, r.PeriodType, b, r.PeriodEnd), r);
        using var w = new SheetXmlWriter(output);
        w.Start(DataWidths);
        w.Row(1);
        foreach (var h in DataHeaders) w.Text(h, Header);
        w.EndRow();
        uint n = 1;
        foreach (var (r, breakdown) in rows)
        {
            n++;
            var kind = r.IndicatorId == "mean_crime_harm" ? ValueKind.Mean : r.Multiplier == 100 ? ValueKind.Percent : r.Multiplier >= 1000 ? ValueKind.Rate : ValueKind.Index;
            var style = kind switch { ValueKind.Percent => PercentStyle, ValueKind.Index => TwoDecimals, _ => OneDecimal };
            var shown = !r.Suppressed && r.Value is { } v && double.IsFinite(v);
            void Num(double? x)
            {
                if (shown && x is { } y && double.IsFinite(y)) w.Number(y, style);
                else w.Text("");
            }
            var prior = previous.GetValueOrDefault((r.IndicatorId, r.AreaCode, r.PeriodType, breakdown, r.PeriodStart.AddDays(-1)));
            var trend = r.IndicatorId == "sv_rate" && r.PeriodType == view.Period.PeriodType && r.PeriodStart == view.Period.PeriodStart && r.PeriodEnd == view.Period.PeriodEnd
                && trends.TryGetValue(r.AreaCode, out var t) ? t : "not tested";
            w.Row(n);
            w.Text(names.GetValueOrDefault(r.IndicatorId, r.IndicatorId) + (breakdown.Length > 0 ? $" ({breakdown})" : ""));
            w.Text(r.Level == "partnership" ? view.PartnershipName : r.AreaName ?? r.AreaCode);
            w.Text(AreaType(r.Level));
            w.Text(ReportFormat.Period(r.PeriodStart, r.PeriodEnd));
            if (r.Suppressed) w.Text(ReportFormat.Hidden, Hidden);
            else if (r.Count is { } c && !areaCounts.Contains(r.IndicatorId)) w.Number(c, CountStyle);
            else w.Text("");
            if (r.Suppressed && kind == ValueKind.Percent) w.Text(ReportFormat.Hidden, Hidden);
            else if (r.Denominator is { } d) w.Number(Math.Round(d), CountStyle);
            else w.Text("");
            if (shown) w.Number(r.Value!.Value, style);
            else w.Text(r.Suppressed ? ReportFormat.Hidden : "", Hidden);
            Num(r.Lower95); Num(r.Upper95); Num(r.Lower998); Num(r.Upper998);
            if (r.BenchmarkValue is { } b && double.IsFinite(b)) w.Number(b, style);
            else w.Text("");
            w.Text(r.Comparison95); w.Text(r.Comparison998);
            if (prior is { Suppressed: false, Value: { } pv } && double.IsFinite(pv)) w.Number(pv, style);
            else w.Text("");
            w.Text(trend); w.Text(r.IndicatorId); w.Text(r.AreaCode); w.Text(Iso(r.PeriodStart)); w.Text(Iso(r.PeriodEnd)); w.Text(r.PeriodType); w.Text(r.Method); w.Text(ReportFormat.Prose(r.Note));
            w.EndRow();
        }
        if (rows.Count == 0)
        {
            w.Row(2);
            w.Text("No published rows at this level: add it to the assessment file's geography levels.");
            w.EndRow();
        }
        w.End($"A1:{Column(DataHeaders.Length - 1)}{Math.Max(n, 2u)}");
    }

    /// <summary>The offence subgroup of a breakdown row (severity_volume), from its note; empty for an indicator's own row.</summary>
    private static string Breakdown(Indicators.IndicatorValue r)
    {
        const string key = "offence_subgroup=";
        if (r.Note is not { } note || !note.StartsWith(key, StringComparison.Ordinal)) return "";
        var end = note.IndexOf(';', StringComparison.Ordinal);
        return end < 0 ? note[key.Length..] : note[key.Length..end];
    }

    private static int LevelOrder(string level) => level switch { "partnership" => 0, "hub" => 1, "district" => 2, "ward" => 3, "lsoa" => 4, _ => 5 };

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Each figure's data table as the report prints it under the figure, one block per figure; numbers as numbers.</summary>
    private static Worksheet FiguresSheet(IReadOnlyList<ReportFigureEntry> figures)
    {
        var data = new SheetData();
        uint r = 1;
        data.Append(Referenced(new Row(Text("Figure", Header), Text("Data (the figure's data table in the report; charts/ holds it as CSV)", Header)) { RowIndex = r }));
        var widest = 2;
        foreach (var f in figures)
        {
            r++;
            data.Append(Referenced(new Row(Text($"Figure {f.Number}", Header), Text(f.Chart.Title, Header), Text($"{ReportChartFiles.Folder}/{f.FileStem}.csv")) { RowIndex = r }));
            r++;
            data.Append(Referenced(new Row(new[] { Text($"Figure {f.Number}") }.Concat(f.Chart.Data.Columns.Select(c => Text(c, Header)))) { RowIndex = r }));
            widest = Math.Max(widest, f.Chart.Data.Columns.Count + 1);
            foreach (var cells in f.Chart.Data.Rows)
            {
                r++;
                data.Append(Referenced(new Row(new[] { Text($"Figure {f.Number}") }.Concat(cells.Select(c =>
                {
                    var plain = ReportChartFiles.CsvCell(c);
                    return double.TryParse(plain, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var v)
                        && plain.Trim().Length > 0 ? new Cell(new CellValue(v)) { DataType = CellValues.Number } : Text(plain);
                }))) { RowIndex = r }));
            }
            r++;
            data.Append(new Row { RowIndex = r });
        }
        var views = new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 });
        var columns = new Columns(new Column { Min = 1, Max = 1, Width = 11, CustomWidth = true }, new Column { Min = 2, Max = (uint)widest, Width = 22, CustomWidth = true });
        return new Worksheet(views, new SheetFormatProperties { DefaultRowHeight = 15 }, columns, data);
    }

    private static string Column(int index) =>
        index < 26 ? ((char)('A' + index)).ToString() : ((char)('A' + index / 26 - 1)).ToString() + (char)('A' + index % 26);

    private static Worksheet NotesSheet(IReadOnlyList<(string Heading, string Text)> notes)
    {
        var data = new SheetData();
        uint r = 1;
        var header = new Row { RowIndex = r };
        header.Append(Text("Topic", Header), Text("Note", Header));
        data.Append(Referenced(header));
        foreach (var (heading, text) in notes)
        {
            r++;
            var row = new Row { RowIndex = r };
            row.Append(Text(heading, Wrap), Text(text, Wrap));
            data.Append(Referenced(row));
        }
        var views = new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 });
        return new Worksheet(views, new Columns(new Column { Min = 1, Max = 1, Width = 28, CustomWidth = true }, new Column { Min = 2, Max = 2, Width = 120, CustomWidth = true }), data);
    }

    private static List<(string, string)> Notes(ReportView data, SmallNumberRule rule, ReportOptions options)
    {
        var notes = new List<(string, string)>
        {
            ("Partnership", data.PartnershipName),
            ("Period", $"{data.Label} ({data.Description}), the indicator stage's period; {(data.Period.HasPrevious ? $"changes compare with {data.PreviousLabel}" : "no complete earlier period of the same type to compare with")}. An indicator not computed for it is given for its own latest period, which its name and the Period column state."),
            ("Police source", ReportFormat.SourceName(data.Period.PoliceSource) + ". The force extract and police.uk describe the same crimes, so only one is used."),
        };
        if (data.Descriptives.Classification is { } run)
            notes.Add(("Serious violence definition", $"{run.DefinitionName}, version {run.DefinitionVersion} ({run.DefinitionOrigin}). {ReportFormat.Count(run.InDefinition)} of {ReportFormat.Count(run.Events)} records met it."));
        notes.Add(("Suppression", rule.Describe() + " Hidden cells show *."));
        notes.Add(("Rates", "Crude rates per 1,000 or 100,000 Census 2021 usual residents. 95% limits: exact Poisson when the count is under 10, Byar's method otherwise."));
        notes.Add(("Shares", "Percentages with Wilson score 95% intervals, of records where the item was recorded."));
        notes.Add(("Change", $"Change in rate on {data.PreviousDescription}, with an exact conditional binomial interval for the rate ratio."));
        notes.Add(("Comparison", "Higher or lower than the partnership when the whole 95% interval lies above or below the partnership value; otherwise similar."));
        notes.Add(("Severity", $"Statutory maximum penalty per offence; life counted as {options.LifePenaltyDays / 365.25:0} years. police.uk severity is a range, not a single figure."));
        notes.Add(("Inequality", "Gini coefficient across LSOAs weighted by population; slope index of inequality across IMD 2019 deciles (most deprived minus least deprived end)."));
        notes.Add(("Areas", "2021 LSOAs; 2011 codes converted with the ONS lookup. Health records are placed by home address, police records by offence location."));
        return notes;
    }

    /// <summary>Gives each cell its A1 reference, which Excel and most readers expect even though the format makes it optional.</summary>
    private static Row Referenced(Row row)
    {
        var column = 0;
        foreach (var cell in row.Elements<Cell>())
        {
            cell.CellReference = Column(column) + row.RowIndex!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            column++;
        }
        return row;
    }

    private static string AreaType(string level) => level switch { "partnership" => "Partnership", "district" => "District", "hub" => "Hub", "ward" => "Ward", "lsoa" => "Neighbourhood (LSOA)", _ => ReportFormat.Words(level) };

    private static Cell Text(string text, uint style = 0) =>
        new(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString, StyleIndex = style == 0 ? null : style };

    private static Cell Number(double value, uint style) =>
        new(new CellValue(value)) { DataType = CellValues.Number, StyleIndex = style };

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0.0" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "0.0\"%\"" }) { Count = 2 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDEBF7" }) { PatternType = PatternValues.Solid })) { Count = 3 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { FontId = 1, FillId = 2, ApplyFont = true, ApplyFill = true, ApplyAlignment = true },
            new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 2, ApplyNumberFormat = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true },
            new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Right }) { ApplyAlignment = true }) { Count = 8 });
}

/// <summary>
/// Writes a worksheet's XML straight to a stream, exactly as the Open XML SDK's writer would (the same prefixes,
/// attribute order and escaping, inline strings, A1 references), without building an element per cell: the long
/// sheets hold tens of thousands of rows.
/// </summary>
internal sealed class SheetXmlWriter : IDisposable
{
    private const string Frozen = "<x:sheetViews><x:sheetView workbookViewId=\"0\"><x:pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\" /></x:sheetView></x:sheetViews><x:sheetFormatPr defaultRowHeight=\"15\" />";

    private static readonly System.Globalization.CultureInfo C = System.Globalization.CultureInfo.InvariantCulture;

    private readonly StreamWriter _w;
    private string _row = "";
    private int _column;

    public SheetXmlWriter(Stream output) => _w = new StreamWriter(output, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);

    /// <summary>The declaration, the frozen header row, the column widths, and the start of the sheet data.</summary>
    public void Start(IReadOnlyList<double> widths)
    {
        _w.Write("\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
        _w.Write(Frozen);
        _w.Write("<x:cols>");
        for (var c = 0; c < widths.Count; c++)
        {
            var i = (c + 1).ToString(C);
            _w.Write($"<x:col min=\"{i}\" max=\"{i}\" width=\"{widths[c].ToString(C)}\" customWidth=\"1\" />");
        }
        _w.Write("</x:cols><x:sheetData>");
    }

    public void Row(uint index)
    {
        _row = index.ToString(C);
        _column = 0;
        _w.Write("<x:row r=\"");
        _w.Write(_row);
        _w.Write("\">");
    }

    public void EndRow() => _w.Write("</x:row>");

    public void Text(string? text, uint style = 0)
    {
        Open(style, "inlineStr");
        _w.Write("<x:is><x:t xml:space=\"preserve\">");
        Escape(text ?? "");
        _w.Write("</x:t></x:is></x:c>");
    }

    public void Number(double value, uint style)
    {
        Open(style, "n");
        _w.Write("<x:v>");
        _w.Write(value.ToString(C));
        _w.Write("</x:v></x:c>");
    }

    /// <summary>Closes the sheet data and adds the header row's filter over <paramref name="filter"/>.</summary>
    public void End(string filter)
    {
        _w.Write("</x:sheetData><x:autoFilter ref=\"");
        _w.Write(filter);
        _w.Write("\" /></x:worksheet>");
    }

    public void Dispose() => _w.Dispose();

    private void Open(uint style, string type)
    {
        _w.Write("<x:c r=\"");
        var c = _column++;
        if (c >= 26) _w.Write((char)('A' + c / 26 - 1));
        _w.Write((char)('A' + c % 26));
        _w.Write(_row);
        if (style != 0)
        {
            _w.Write("\" s=\"");
            _w.Write(style.ToString(C));
        }
        _w.Write("\" t=\"");
        _w.Write(type);
        _w.Write("\">");
    }

    // As XmlWriter escapes element text: markup characters as entities, line ends as "\n".
    private void Escape(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var e = text[i] switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '\r' => i + 1 < text.Length && text[i + 1] == '\n' ? "" : "\n", _ => null };
            if (e is null) continue;
            _w.Write(text.AsSpan(start, i - start));
            _w.Write(e);
            start = i + 1;
        }
        _w.Write(text.AsSpan(start));
    }
}
