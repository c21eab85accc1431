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
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        options ??= new ReportOptions();
        var data = ReportView.Load(store, options);
        var rule = data.Rule;
        var indicators = ReportIndicators.Build(data, includeWards: true);
        var notes = Notes(data, rule, options);

        using var package = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(package, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = doc.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>("rIdStyles");
            styles.Stylesheet = Stylesheet();
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            uint id = 1;
            var trends = Trends(data);
            foreach (var name in SheetNames)
            {
                if (name == FigureSheet && figures is null) continue;
                var relId = "rIdSheet" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var part = workbookPart.AddNewPart<WorksheetPart>(relId);
                switch (name)
                {
                    case "Notes": part.Worksheet = NotesSheet(notes); break;
                    case DataSheet: LongSheet(part, data, data.Indicators.Where(r => r.Level != "lsoa"), trends); break;
                    case LsoaSheet: LongSheet(part, data, data.Indicators.Where(r => r.Level == "lsoa"), trends); break;
                    case FigureSheet: part.Worksheet = FiguresSheet(figures!); break;
                    default: part.Worksheet = DomainSheet(indicators.Where(i => i.Domain == name.ToLowerInvariant()).ToList()); break;
                }
                sheets.Append(new Sheet { Id = relId, SheetId = id, Name = name });
                id++;
            }
            workbookPart.Workbook.Save();
        }

        Directory.CreateDirectory(outputFolder);
        var path = Path.GetFullPath(Path.Combine(outputFolder, FileName));
        File.WriteAllBytes(path, Normalise(package.ToArray()));
        return path;
    }

    /// <summary>
    /// Rewrites the package's zip with every entry stamped <see cref="EntryTime"/>, in name order, so two runs give the
    /// same bytes (the packaging layer stamps entries with the current time).
    /// </summary>
    internal static byte[] Normalise(byte[] zip)
    {
        using var input = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var entries = input.Entries.Select(e =>
        {
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
        using var output = new MemoryStream();
        using (var zipOut = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                var entry = zipOut.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = EntryTime;
                using var s = entry.Open();
                s.Write(bytes);
            }
        }
        return output.ToArray();
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
    private static void LongSheet(WorksheetPart part, ReportView view, IEnumerable<Indicators.IndicatorValue> published, Dictionary<string, string> trends)
    {
        var names = Indicators.IndicatorCatalogue.Default.Indicators.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        var order = Indicators.IndicatorCatalogue.Default.Indicators.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        // A non-disclosive indicator's count is a number of areas, not of people or events: left empty, as on the domain sheets.
        var areaCounts = Indicators.IndicatorCatalogue.Default.Indicators.Where(d => !d.Disclosive).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var rows = published.OrderBy(r => order.GetValueOrDefault(r.IndicatorId, int.MaxValue)).ThenBy(r => r.IndicatorId, StringComparer.Ordinal)
            .ThenBy(r => LevelOrder(r.Level)).ThenBy(r => r.AreaCode, StringComparer.Ordinal).ThenBy(r => r.PeriodType, StringComparer.Ordinal)
            .ThenBy(r => r.PeriodStart).ThenBy(r => r.PeriodEnd).ThenBy(r => Breakdown(r), StringComparer.Ordinal).ToList();
        // The previous period of the same indicator, area and period type: the row whose period ends just before this one starts.
        var previous = new Dictionary<(string, string, string, string, DateOnly), Indicators.IndicatorValue>();
        foreach (var r in rows) previous.TryAdd((r.IndicatorId, r.AreaCode, r.PeriodType, Breakdown(r), r.PeriodEnd), r);
        using var w = OpenXmlWriter.Create(part);
        w.WriteStartElement(new Worksheet());
        w.WriteElement(new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }));
        w.WriteElement(new SheetFormatProperties { DefaultRowHeight = 15 });
        var columns = new Columns();
        for (var c = 0; c < DataWidths.Length; c++)
            columns.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = DataWidths[c], CustomWidth = true });
        w.WriteElement(columns);
        w.WriteStartElement(new SheetData());
        uint n = 1;
        w.WriteElement(Referenced(new Row(DataHeaders.Select(h => Text(h, Header))) { RowIndex = n }));
        foreach (var r in rows)
        {
            n++;
            var kind = r.IndicatorId == "mean_crime_harm" ? ValueKind.Mean : r.Multiplier == 100 ? ValueKind.Percent : r.Multiplier >= 1000 ? ValueKind.Rate : ValueKind.Index;
            var style = kind switch { ValueKind.Percent => PercentStyle, ValueKind.Index => TwoDecimals, _ => OneDecimal };
            var shown = !r.Suppressed && r.Value is { } v && double.IsFinite(v);
            Cell Num(double? x) => shown && x is { } y && double.IsFinite(y) ? Number(y, style) : Text("");
            var name = names.GetValueOrDefault(r.IndicatorId, r.IndicatorId) + (Breakdown(r).Length > 0 ? $" ({Breakdown(r)})" : "");
            var prior = previous.GetValueOrDefault((r.IndicatorId, r.AreaCode, r.PeriodType, Breakdown(r), r.PeriodStart.AddDays(-1)));
            var trend = r.IndicatorId == "sv_rate" && r.PeriodType == view.Period.PeriodType && r.PeriodStart == view.Period.PeriodStart && r.PeriodEnd == view.Period.PeriodEnd
                && trends.TryGetValue(r.AreaCode, out var t) ? t : "not tested";
            var row = new Row { RowIndex = n };
            row.Append(Text(name), Text(r.Level == "partnership" ? view.PartnershipName : r.AreaName ?? r.AreaCode), Text(AreaType(r.Level)), Text(ReportFormat.Period(r.PeriodStart, r.PeriodEnd)),
                r.Suppressed ? Text(ReportFormat.Hidden, Hidden) : r.Count is { } c && !areaCounts.Contains(r.IndicatorId) ? Number(c, CountStyle) : Text(""),
                r.Suppressed && kind == ValueKind.Percent ? Text(ReportFormat.Hidden, Hidden) : r.Denominator is { } d ? Number(Math.Round(d), CountStyle) : Text(""),
                shown ? Number(r.Value!.Value, style) : Text(r.Suppressed ? ReportFormat.Hidden : "", Hidden),
                Num(r.Lower95), Num(r.Upper95), Num(r.Lower998), Num(r.Upper998),
                r.BenchmarkValue is { } b && double.IsFinite(b) ? Number(b, style) : Text(""),
                Text(r.Comparison95), Text(r.Comparison998),
                prior is { Suppressed: false, Value: { } pv } && double.IsFinite(pv) ? Number(pv, style) : Text(""),
                Text(trend), Text(r.IndicatorId), Text(r.AreaCode), Text(Iso(r.PeriodStart)), Text(Iso(r.PeriodEnd)), Text(r.PeriodType), Text(r.Method), Text(ReportFormat.Prose(r.Note)));
            w.WriteElement(Referenced(row));
        }
        if (rows.Count == 0)
            w.WriteElement(Referenced(new Row(Text("No published rows at this level: add it to the assessment file's geography levels.")) { RowIndex = 2 }));
        w.WriteEndElement();
        w.WriteElement(new AutoFilter { Reference = $"A1:{Column(DataHeaders.Length - 1)}{Math.Max(n, 2u)}" });
        w.WriteEndElement();
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
