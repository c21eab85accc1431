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

        // The sheets' contents are read with a forward-only reader (the object model took several times the CPU on the
        // Data and LSOA sheets); the styles part above is small.
        var contents = XlsxSheets.Read(path);
        Assert.Equal(sheets.Select(s => s.Name!.Value!), contents.Select(s => s.Name));
        foreach (var sheet in contents)
        {
            var pane = Assert.Single(sheet.Panes);
            Assert.Equal("frozen", pane.State);
            Assert.Equal("A2", pane.TopLeftCell);
            Assert.Equal(1d, pane.VerticalSplit!.Value);
            Assert.Contains(sheet.ColumnCustomWidths, custom => custom);
            var rows = sheet.Rows;
            Assert.True(rows.Count > 1, $"Sheet {sheet.Name} has no data rows.");
            if (sheet.Name == "Notes") continue;

            // Column E is the count: thousands separators (built-in format 3). Column G the value: a decimal or percentage format.
            var counts = rows.Skip(1).SelectMany(r => r).Where(c => c.Reference.StartsWith('E') && c.IsNumber).ToList();
            Assert.NotEmpty(counts);
            Assert.All(counts, c => Assert.Equal(3u, cellFormats[(int)c.Style!.Value].NumberFormatId!.Value));
            var values = rows.Skip(1).SelectMany(r => r).Where(c => c.Reference.StartsWith('G') && c.IsNumber).ToList();
            Assert.NotEmpty(values);
            Assert.All(values, c => Assert.Contains(cellFormats[(int)c.Style!.Value].NumberFormatId!.Value, new uint[] { 2, 3, 164, 165 }));
        }
    }

    [Fact]
    public void Workbook_hides_small_counts_as_a_star()
    {
        var path = fixture.WriteWorkbook(fixture.SparseStorePath);
        var cells = XlsxSheets.Read(path).SelectMany(s => s.Rows).SelectMany(r => r).ToList();
        var counts = cells.Where(c => c.Reference.StartsWith('E') && c.IsNumber).Select(c => double.Parse(c.Value!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(counts, n => n is >= 1 and <= 7);
        Assert.Contains(cells, c => c.IsInlineString && c.InnerText == "*");
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
