using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NeedsAssessment.Store;

namespace NeedsAssessment.Report;

/// <summary>
/// The indicator tables as an Excel workbook for SROs and analysts: one sheet per domain (prevalence, severity,
/// impact) and a notes sheet, with the small-number rule applied, frozen headers, number formats and column widths.
/// </summary>
public static class IndicatorWorkbook
{
    /// <summary>Name of the workbook file written into the output folder.</summary>
    public const string FileName = "indicators.xlsx";

    /// <summary>Sheet names in order.</summary>
    public static IReadOnlyList<string> SheetNames { get; } = ["Prevalence", "Severity", "Impact", "Notes"];

    /// <summary>Fixed time stamped on every zip entry, so the same inputs give a byte-identical file.</summary>
    internal static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Headers =
        ["Indicator", "Area", "Area type", "Period", "Count", "Denominator", "Value", "Lower 95% limit", "Upper 95% limit", "Compared with partnership", "Method", "Note"];

    private static readonly double[] Widths = [60, 26, 13, 26, 11, 13, 10, 12, 12, 20, 26, 48];

    // Cell style indexes in the stylesheet below.
    private const uint Header = 1, CountStyle = 2, OneDecimal = 3, PercentStyle = 4, TwoDecimals = 5, Wrap = 6, Hidden = 7;

    /// <summary>Writes <c>indicators.xlsx</c> into <paramref name="outputFolder"/>; the same store and options give a byte-identical file.</summary>
    /// <param name="store">A store after ingestion and classification.</param>
    /// <param name="outputFolder">Folder to write into (created when absent).</param>
    /// <param name="options">Suppression rule and severity settings, as for the report.</param>
    /// <returns>Full path of the workbook.</returns>
    public static string Write(AssessmentStore store, string outputFolder, ReportOptions? options = null)
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
            foreach (var name in SheetNames)
            {
                var relId = "rIdSheet" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var part = workbookPart.AddNewPart<WorksheetPart>(relId);
                part.Worksheet = name == "Notes"
                    ? NotesSheet(notes)
                    : DomainSheet(indicators.Where(i => i.Domain == name.ToLowerInvariant()).ToList());
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
            data.Append(Referenced(row));
        }
        var columns = new Columns();
        for (var c = 0; c < Widths.Length; c++)
            columns.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = Widths[c], CustomWidth = true });
        var views = new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        { WorkbookViewId = 0 });
        var sheet = new Worksheet(views, new SheetFormatProperties { DefaultRowHeight = 15 }, columns, data);
        sheet.Append(new AutoFilter { Reference = $"A1:L{Math.Max(r, 2u)}" });
        return sheet;
    }

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
            cell.CellReference = ((char)('A' + column)).ToString() + row.RowIndex!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
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
