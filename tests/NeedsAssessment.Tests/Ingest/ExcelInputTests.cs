using NeedsAssessment.Ingest;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Ingest;

public class ExcelInputTests
{
    /// <summary>
    /// tests/.../Fixtures/partner-extract.xls: <see cref="PartnerFiles.Canonical"/> written by <see cref="TestWorkbook"/> as sheet
    /// "Crimes" (two title rows, header at row 3) after a "Notes" sheet, converted to Excel 97-2003 by LibreOffice
    /// (soffice --headless --convert-to xls). Kept because nothing on the build machine writes .xls.
    /// </summary>
    private static readonly string XlsFixture = Path.Combine(AppContext.BaseDirectory, "Ingest", "Fixtures", "partner-extract.xls");

    private static readonly string[] Titles = ["Force crime extract, January 2024", "Produced by the force analysis team"];

    private static (string Table, string Reasons) Loaded(Harness h, LoadResult r) => (
        string.Join("\n", h.Store.Query($"SELECT CAST(t AS VARCHAR) FROM (SELECT * EXCLUDE (load_id) FROM police_recorded_crime WHERE load_id = {r.LoadId} ORDER BY source_row) t", x => x.GetString(0))),
        string.Join("\n", h.Quarantine(r.LoadId).Select(q => $"{q.Record}:{q.Column}:{q.RawValue}:{q.Rule}")));

    private static (LoadResult Result, (string Table, string Reasons) Rows, IReadOnlyList<QuarantineRow> Quarantine) Csv()
    {
        using var h = new Harness();
        var r = h.Load("police-recorded-crime", "extract.csv", PartnerFiles.Canonical());
        return (r, Loaded(h, r), h.Quarantine(r.LoadId));
    }

    [Fact]
    public void An_xlsx_copy_of_a_partner_file_loads_with_the_same_rows_record_numbers_and_quarantine_as_the_csv()
    {
        var csv = Csv();
        using var h = new Harness();
        var path = Path.Combine(h.Dir.Path, "extract.xlsx");
        TestWorkbook.Write(path, ("Sheet1", PartnerFiles.Canonical(), []));
        var r = h.Ingester.Load("police-recorded-crime", path);

        Assert.Equal((csv.Result.RowsRead, csv.Result.RowsLoaded, csv.Result.RowsQuarantined), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal(csv.Rows, Loaded(h, r));
        Assert.Equal(csv.Quarantine.Select(q => (q.Record, q.Line)), h.Quarantine(r.LoadId).Select(q => (q.Record, q.Line)));
        Assert.Equal("extract.xlsx", h.Store.Scalar($"SELECT file_name FROM loads WHERE load_id = {r.LoadId}"));
        Assert.Equal(LoadStatus.AlreadyLoaded, h.Ingester.Load("police-recorded-crime", path).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void A_header_row_ending_in_empty_cells_loads_the_same_rows_as_the_csv(string blank)
    {
        // Excel keeps cells of a column that was formatted, or cleared, as part of the sheet: the header row then ends
        // in blank (or space-only) cells and so can every data row. They are not columns and must not fail the load.
        var csv = Csv();
        var lines = PartnerFiles.Canonical().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r') + $",{blank},{blank}");
        using var h = new Harness();
        var path = Path.Combine(h.Dir.Path, "extract.xlsx");
        TestWorkbook.Write(path, ("Sheet1", string.Join("\n", lines) + "\n", []));
        var r = h.Ingester.Load("police-recorded-crime", path);

        Assert.Equal((csv.Result.RowsRead, csv.Result.RowsLoaded, csv.Result.RowsQuarantined), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal(csv.Rows, Loaded(h, r));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void A_csv_saved_from_excel_with_empty_header_columns_loads_the_same_rows_and_says_they_are_ignored(string blank)
    {
        // Excel's "Save as CSV" keeps a formatted or cleared column: the header and every row end in empty fields.
        // Before, the empty name reached DuckDB as a column name: "Parser Error: zero-length delimited identifier", exit 2.
        var csv = Csv();
        var lines = PartnerFiles.Canonical().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r') + $",{blank},{blank}");
        using var h = new Harness();
        var r = h.Load("police-recorded-crime", "saved-by-excel.csv", string.Join("\n", lines) + "\n");

        Assert.Equal((csv.Result.RowsRead, csv.Result.RowsLoaded, csv.Result.RowsQuarantined), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal(csv.Rows, Loaded(h, r));
        var width = PartnerFiles.Canonical().Split('\n')[0].Split(',').Length;
        var ignored = $"Column(s) not in the schema, ignored: '(blank column {width + 1})', '(blank column {width + 2})'.";
        Assert.True(r.Notes.Contains(ignored), string.Join(" | ", r.Notes));
    }

    [Fact]
    public void An_xls_copy_with_title_rows_on_a_named_sheet_loads_the_same_rows_with_sheet_rows_as_line_numbers()
    {
        var csv = Csv();
        using var h = new Harness();
        var r = h.Ingester.Load("police-recorded-crime", XlsFixture, mapping: new InputMapping { Sheet = "Crimes", HeaderRow = 3 });

        Assert.Equal((csv.Result.RowsRead, csv.Result.RowsLoaded, csv.Result.RowsQuarantined), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal(csv.Rows, Loaded(h, r));
        // Record numbers are the CSV's; line numbers are the sheet's rows (header at row 3, so record 4 is row 7).
        Assert.Equal(csv.Quarantine.Select(q => (q.Record, q.Line + 2)), h.Quarantine(r.LoadId).Select(q => (q.Record, q.Line)));
        Assert.Contains(h.Quarantine(r.LoadId), q => q.Record == 4 && q.Line == 7);
        Assert.Contains(r.Notes, n => n.StartsWith("Read sheet 'Crimes' from its header at row 3", StringComparison.Ordinal));
    }

    [Fact]
    public void A_named_sheet_that_is_missing_is_refused_listing_the_sheets()
    {
        using var h = new Harness();
        var ex = Assert.Throws<UserErrorException>(() => h.Ingester.Load("police-recorded-crime", XlsFixture, mapping: new InputMapping { Sheet = "Data" }));
        Assert.Contains("partner-extract.xls: the workbook has no sheet 'Data'. Sheets: 'Notes', 'Crimes'.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_in_a_sheet_are_checked_and_quarantined_exactly_as_in_a_csv_and_nothing_is_lost()
    {
        using var h = new Harness();
        var path = Path.Combine(h.Dir.Path, "blank-rows.xlsx");
        var text = PartnerFiles.Canonical();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines.Insert(5, ""); // a blank sheet row between records 4 and 5
        TestWorkbook.Write(path, ("Crimes", string.Join("\n", lines.Select(l => l.Length == 0 ? "," : l)) + "\n", Titles));
        var r = h.Ingester.Load("police-recorded-crime", path, mapping: new InputMapping { HeaderRow = 3 });
        Assert.Equal(r.RowsRead, r.RowsLoaded + r.RowsQuarantined);
        Assert.Equal((12L, 10L, 2L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        // Record 9 sits on sheet row 3 + 9 + 1 (the blank row).
        Assert.Contains(h.Quarantine(r.LoadId), q => q.Record == 9 && q.Line == 13 && q.Rule == "type");
    }
}
