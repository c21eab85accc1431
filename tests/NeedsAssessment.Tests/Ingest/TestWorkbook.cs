using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NeedsAssessment.Ingest;

namespace NeedsAssessment.Tests.Ingest;

/// <summary>Writes a CSV's rows as an .xlsx sheet the way a partner's Excel export holds them: numbers as numeric cells, ISO dates as date cells.</summary>
internal static class TestWorkbook
{
    /// <summary>One sheet per (name, csv text, title rows above the header).</summary>
    public static void Write(string path, params (string Sheet, string Csv, string[] Titles)[] sheets)
    {
        using var doc = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var wb = doc.AddWorkbookPart();
        wb.Workbook = new Workbook(new Sheets());
        var styles = wb.AddNewPart<WorkbookStylesPart>();
        // Style 1 is the built-in short date format (numFmtId 14), so the reader sees a DateTime.
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font()), new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
            new Borders(new Border()), new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
        uint id = 1;
        foreach (var (name, csv, titles) in sheets)
        {
            var part = wb.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            foreach (var t in titles) data.Append(new Row(Cell(t)));
            foreach (var line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                data.Append(new Row(SourceFile.SplitCsvLine(line.TrimEnd('\r'), ',').Select(Cell)));
            part.Worksheet = new Worksheet(data);
            wb.Workbook.Sheets!.Append(new Sheet { Id = wb.GetIdOfPart(part), SheetId = id++, Name = name });
        }
        wb.Workbook.Save();
    }

    private static Cell Cell(string v)
    {
        if (v.Length == 10 && DateTime.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return new Cell { CellValue = new CellValue(d.ToOADate().ToString(CultureInfo.InvariantCulture)), DataType = CellValues.Number, StyleIndex = 1 };
        if (v.Length > 0 && v.Length < 12 && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && !v.StartsWith('0') || v == "0")
            return new Cell { CellValue = new CellValue(v), DataType = CellValues.Number };
        return new Cell { CellValue = new CellValue(v), DataType = CellValues.String };
    }
}
