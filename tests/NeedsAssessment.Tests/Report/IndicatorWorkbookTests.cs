using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NeedsAssessment.Report;

namespace NeedsAssessment.Tests.Report;

public sealed class IndicatorWorkbookTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    [Fact]
    public void Workbook_has_three_domain_sheets_and_notes_with_frozen_headers_and_number_formats()
    {
        var path = fixture.Workbook;
        Assert.Equal(IndicatorWorkbook.FileName, Path.GetFileName(path));
        using var doc = SpreadsheetDocument.Open(path, false);
        var wb = doc.WorkbookPart!;
        var sheets = wb.Workbook.Sheets!.Elements<Sheet>().ToList();
        // Without the report's figures there is no figure data sheet.
        Assert.Equal(["Prevalence", "Severity", "Impact", "Data", "LSOA", "Notes"], sheets.Select(s => s.Name!.Value!));
        var formats = wb.WorkbookStylesPart!.Stylesheet.NumberingFormats!.Elements<NumberingFormat>().Select(f => f.FormatCode!.Value).ToList();
        Assert.Contains("#,##0.0", formats);
        Assert.Contains("0.0\"%\"", formats);
        var cellFormats = wb.WorkbookStylesPart.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();

        foreach (var sheet in sheets)
        {
            var ws = ((WorksheetPart)wb.GetPartById(sheet.Id!)).Worksheet;
            var pane = ws.Descendants<Pane>().Single();
            Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
            Assert.Equal("A2", pane.TopLeftCell!.Value);
            Assert.Equal(1d, pane.VerticalSplit!.Value);
            Assert.Contains(ws.Descendants<Column>(), c => c.CustomWidth?.Value == true);
            var rows = ws.Descendants<Row>().ToList();
            Assert.True(rows.Count > 1, $"Sheet {sheet.Name} has no data rows.");
            if (sheet.Name == "Notes") continue;

            // Column E is the count: thousands separators (built-in format 3). Column G the value: a decimal or percentage format.
            var counts = rows.Skip(1).SelectMany(r => r.Elements<Cell>()).Where(c => c.CellReference!.Value!.StartsWith('E') && c.DataType?.Value == CellValues.Number).ToList();
            Assert.NotEmpty(counts);
            Assert.All(counts, c => Assert.Equal(3u, cellFormats[(int)c.StyleIndex!.Value].NumberFormatId!.Value));
            var values = rows.Skip(1).SelectMany(r => r.Elements<Cell>()).Where(c => c.CellReference!.Value!.StartsWith('G') && c.DataType?.Value == CellValues.Number).ToList();
            Assert.NotEmpty(values);
            Assert.All(values, c => Assert.Contains(cellFormats[(int)c.StyleIndex!.Value].NumberFormatId!.Value, new uint[] { 2, 3, 164, 165 }));
        }
    }

    [Fact]
    public void Workbook_hides_small_counts_as_a_star()
    {
        var path = fixture.WriteWorkbook(fixture.SparseStorePath);
        using var doc = SpreadsheetDocument.Open(path, false);
        var wb = doc.WorkbookPart!;
        var cells = wb.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Cell>()).ToList();
        var counts = cells.Where(c => c.CellReference!.Value!.StartsWith('E') && c.DataType?.Value == CellValues.Number).Select(c => double.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(counts, n => n is >= 1 and <= 7);
        Assert.Contains(cells, c => c.DataType?.Value == CellValues.InlineString && c.InnerText == "*");
    }

    [Fact]
    public void The_same_store_gives_a_byte_identical_workbook_with_fixed_entry_times()
    {
        // The shared workbook is one write; this is a second.
        var first = File.ReadAllBytes(fixture.Workbook);
        var second = File.ReadAllBytes(fixture.WriteWorkbook(fixture.StorePath));
        Assert.True(first.AsSpan().SequenceEqual(second), "Two writes of the same store differ.");
        using var zip = new ZipArchive(new MemoryStream(first), ZipArchiveMode.Read);
        Assert.All(zip.Entries, e => Assert.Equal(new DateTime(2000, 1, 1), e.LastWriteTime.DateTime));
    }
}
