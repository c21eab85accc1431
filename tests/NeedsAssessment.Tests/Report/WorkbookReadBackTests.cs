using System.Globalization;
using NeedsAssessment.Report;

namespace NeedsAssessment.Tests.Report;

/// <summary>
/// The demo run's workbook read back: area codes and 99.8% limits on the domain sheets, every published row once on
/// the Data and LSOA sheets (Fingertips' long layout, with the benchmark, comparisons, previous value and trend), and
/// the figures' data tables exactly as the chart CSVs.
/// </summary>
public sealed class WorkbookReadBackTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private static List<List<string>> Sheet(IReadOnlyList<XlsxSheet> sheets, string name) =>
        sheets.Single(s => s.Name == name).Rows.Select(r =>
        {
            var cells = new List<string>();
            foreach (var c in r)
            {
                var col = 0;
                foreach (var ch in c.Reference.TakeWhile(char.IsLetter)) col = col * 26 + (ch - 'A' + 1);
                while (cells.Count < col - 1) cells.Add("");
                cells.Add(c.IsInlineString ? c.InnerText : c.Value ?? "");
            }
            return cells;
        }).ToList();

    [Fact]
    public void The_demo_workbook_has_codes_998_limits_comparator_trend_an_lsoa_sheet_one_row_per_published_row_and_the_figures_data()
    {
        var folder = fixture.Demo.OutputFolder;
        var wb = fixture.DemoWorkbook;
        Assert.Equal(IndicatorWorkbook.SheetNames, wb.Select(s => s.Name));

        var prevalence = Sheet(wb, "Prevalence");
        Assert.Equal(["Area code", "Lower 99.8% limit", "Upper 99.8% limit", "Benchmark value"], prevalence[0].Skip(12).Take(4));
        Assert.All(prevalence.Skip(1), r => Assert.Matches("^[A-Z][0-9]{8}$|^partnership$", r[12]));
        Assert.Contains(prevalence.Skip(1), r => r[13].Length > 0 && double.Parse(r[13], CultureInfo.InvariantCulture) < double.Parse(r[7], CultureInfo.InvariantCulture));

        var data = Sheet(wb, IndicatorWorkbook.DataSheet);
        var lsoa = Sheet(wb, IndicatorWorkbook.LsoaSheet);
        var h = data[0];
        foreach (var name in new[] { "Indicator ID", "Area Code", "Lower CI 99.8 limit", "Upper CI 99.8 limit", "Benchmark value", "Compared to benchmark (99.8%)", "Previous period value", "Recent trend" })
            Assert.Contains(name, h);
        Assert.Equal(h, lsoa[0]);
        int C(string name) => h.IndexOf(name);
        string Cell(List<string> r, string name) => C(name) < r.Count ? r[C(name)] : "";
        // One row per published row: the export's rows, split between the two sheets by level.
        var export = File.ReadAllLines(Path.Combine(folder, "indicators", "indicator_values.csv")).Length - 1;
        Assert.Equal(export, data.Count - 1 + lsoa.Count - 1);
        Assert.All(lsoa.Skip(1), r => Assert.Equal("Neighbourhood (LSOA)", r[2]));
        Assert.DoesNotContain(data.Skip(1), r => r[2] == "Neighbourhood (LSOA)");
        var keys = data.Skip(1).Concat(lsoa.Skip(1)).Select(r => $"{r[0]}|{Cell(r, "Area Code")}|{Cell(r, "Period type")}|{Cell(r, "Period start")}|{Cell(r, "Period end")}").ToList();
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(data.Skip(1), r => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", Cell(r, "Period start")));
        Assert.Contains(data.Skip(1), r => Cell(r, "Lower CI 99.8 limit").Length > 0);
        Assert.Contains(data.Skip(1), r => Cell(r, "Benchmark value").Length > 0 && Cell(r, "Compared to benchmark (95%)") is "higher" or "lower" or "similar");
        Assert.Contains(data.Skip(1), r => Cell(r, "Previous period value").Length > 0);
        Assert.Contains(data.Skip(1), r => Cell(r, "Recent trend").Contains("exact conditional binomial", StringComparison.Ordinal));

        // The figures' data: a block per figure, the chart CSV's rows exactly (numbers as numbers).
        var figures = Sheet(wb, IndicatorWorkbook.FigureSheet);
        var csvs = Directory.GetFiles(Path.Combine(folder, ReportChartFiles.Folder), "*.csv").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(csvs);
        foreach (var csv in csvs)
        {
            var rows = ReportChartFilesTests.CsvRows(File.ReadAllText(csv));
            var label = $"Figure {int.Parse(Path.GetFileName(csv).Substring(7, 2), CultureInfo.InvariantCulture)}";
            var block = figures.Where(r => r.Count > 0 && r[0] == label).Skip(1).Select(r => r.Skip(1).ToList()).ToList();
            Assert.Equal(rows.Count, block.Count);
            for (var i = 0; i < rows.Count; i++)
                for (var j = 0; j < rows[i].Count; j++)
                {
                    var cell = j < block[i].Count ? block[i][j] : "";
                    if (double.TryParse(rows[i][j], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && i > 0)
                        Assert.Equal(v, double.Parse(cell, CultureInfo.InvariantCulture), 9);
                    else Assert.Equal(rows[i][j], cell);
                }
        }
    }
}
