using System.Security.Cryptography;
using System.Text.RegularExpressions;
using NeedsAssessment.Report;

namespace NeedsAssessment.Tests.Report;

/// <summary>
/// Every figure of the report is also a PNG, an SVG and a CSV of its data table under <c>charts/</c>, named by figure
/// number and subject, selected by the assessment file's <c>charts:</c>, published by the report stage and listed in
/// the run manifest with its hash.
/// </summary>
public sealed partial class ReportChartFilesTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    [GeneratedRegex("<figure id=\"figure-(?<n>\\d+)\">.*?<details class=\"data\">.*?<tbody>(?<body>.*?)</tbody>", RegexOptions.Singleline)]
    private static partial Regex FigureTable();

    [GeneratedRegex("^figure-(?<n>\\d\\d)-[a-z0-9]+(-[a-z0-9]+)*\\.(png|svg|csv)$")]
    private static partial Regex FileName();

    [Fact]
    public void The_demo_run_writes_one_png_svg_and_csv_per_report_figure_with_the_data_tables_rows_and_the_manifest_lists_them()
    {
        var folder = fixture.Demo.OutputFolder;
        var html = File.ReadAllText(Path.Combine(folder, AssessmentReport.FileName));
        var figures = FigureTable().Matches(html).ToDictionary(m => int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture),
            m => Regex.Matches(m.Groups["body"].Value, "<tr>").Count);
        Assert.True(figures.Count >= 8, $"only {figures.Count} figures in the demo report");
        Assert.Equal(figures.Count, Regex.Matches(html, "<figure id=\"figure-").Count);

        var files = Directory.GetFiles(Path.Combine(folder, ReportChartFiles.Folder)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.All(files, f => Assert.Matches(FileName(), f!));
        foreach (var ext in new[] { ".png", ".svg", ".csv" })
        {
            var numbers = files.Where(f => f!.EndsWith(ext, StringComparison.Ordinal)).Select(f => int.Parse(f!.Substring(7, 2), System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
            Assert.Equal(figures.Keys.Order(), numbers);
        }

        var manifest = fixture.Demo.Run.Manifest.Outputs.ToDictionary(o => o.Path, o => o.Sha256, StringComparer.Ordinal);
        foreach (var (n, rows) in figures)
        {
            var stem = files.First(f => f!.StartsWith($"figure-{n:00}-", StringComparison.Ordinal))![..^4];
            var png = File.ReadAllBytes(Path.Combine(folder, "charts", stem + ".png"));
            // IHDR width: the report's 1,000 pixels at twice the resolution, 17 cm at 300 dpi.
            Assert.Equal(2000, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
            Assert.StartsWith("<?xml", File.ReadAllText(Path.Combine(folder, "charts", stem + ".svg")), StringComparison.Ordinal);
            var csv = CsvRows(File.ReadAllText(Path.Combine(folder, "charts", stem + ".csv")));
            Assert.Equal(rows + 1, csv.Count);
            Assert.All(csv, r => Assert.Equal(csv[0].Count, r.Count));
            foreach (var ext in new[] { ".png", ".svg", ".csv" })
            {
                var rel = $"charts/{stem}{ext}";
                Assert.True(manifest.TryGetValue(rel, out var sha), $"{rel} is not in the run manifest");
                Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, "charts", stem + ext)))), sha);
            }
        }
    }

    [Fact]
    public void Charts_selects_figures_by_subject_or_number_none_writes_none_an_unknown_name_is_an_error_and_files_repeat_byte_for_byte()
    {
        var some = fixture.WriteReport(fixture.StorePath, new ReportOptions { Charts = ["hot-spots", "2"] });
        Assert.Equal(6, some.ChartFiles.Count);
        Assert.Contains(some.ChartFiles, f => f.EndsWith("-hot-spots.png", StringComparison.Ordinal));
        Assert.Contains(some.ChartFiles, f => f.StartsWith("charts/figure-02-", StringComparison.Ordinal));
        var again = fixture.WriteReport(fixture.StorePath, new ReportOptions { Charts = ["hot-spots", "figure-02"] });
        Assert.Equal(some.ChartFiles, again.ChartFiles);
        foreach (var f in some.ChartFiles)
            Assert.Equal(File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(some.HtmlPath)!, f)), File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(again.HtmlPath)!, f)));

        var none = fixture.WriteReport(fixture.StorePath, new ReportOptions { Charts = ["none"] });
        Assert.Empty(none.ChartFiles);
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(none.HtmlPath)!, ReportChartFiles.Folder)));
        var ex = Assert.Throws<UserErrorException>(() => fixture.WriteReport(fixture.StorePath, new ReportOptions { Charts = ["hotspot-map"] }));
        Assert.Contains("'hotspot-map'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("hot-spots", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_funnels_target_is_the_neighbourhoods_rate_per_1000_a_year_and_its_curve_spans_their_person_years()
    {
        // The curve was once drawn a thousand times too high, and against residents where the points are person-years.
        using var store = NeedsAssessment.Store.AssessmentStore.Open(fixture.StorePath, readOnly: true);
        var (target, low, high) = store.Query("SELECT min(target), min(population), max(population) FROM descriptive_funnel", r => (r.GetDouble(0), r.GetDouble(1), r.GetDouble(2))).Single();
        var rates = store.Query("""
            SELECT sum(count) / sum(denominator) * 1000, min(denominator), max(denominator) FROM indicator_values
            WHERE indicator_id = 'sv_rate' AND level = 'lsoa' AND denominator > 0
              AND (period_type, period_start) = (SELECT (period_type, period_start) FROM descriptive_period)
            """, r => (Rate: r.GetDouble(0), Min: r.GetDouble(1), Max: r.GetDouble(2))).Single();
        Assert.InRange(target, rates.Rate * 0.95, rates.Rate * 1.05);
        Assert.True(low <= rates.Min && high >= rates.Max, $"curve {low}-{high}, neighbourhoods {rates.Min}-{rates.Max}");
    }

    [Fact]
    public void A_figures_csv_quotes_text_and_drops_thousands_separators_from_numbers_only()
    {
        var csv = ReportChartFiles.Csv(new NeedsAssessment.Charts.ChartDataTable(["Area", "Offences per 1,000"], [["York, \"centre\"", "12,345.6"], ["Selby", "suppressed"], ["1,2", "3 (1,234 to 5)"]]));
        Assert.Equal("Area,\"Offences per 1,000\"\n\"York, \"\"centre\"\"\",12345.6\nSelby,suppressed\n\"1,2\",\"3 (1,234 to 5)\"\n", csv);
        Assert.Equal("Month,Offences\n2024-04,1234\n", ReportChartFiles.Csv(new NeedsAssessment.Charts.ChartDataTable(["Month", "Offences"], [["Apr 2024", "1,234"]])));
        Assert.Equal("hot-spots", ReportChartFiles.Subject("Hot and cold spots of serious violence (Getis-Ord Gi*)"));
        Assert.Equal("local-moran-clusters", ReportChartFiles.Subject("Local Moran clusters of the rates (LISA)"));
        Assert.Equal("forecast", ReportChartFiles.Subject("York: serious violence per month and 12-month forecast"));
        // A figure added later is filed under the first words of its title, brackets and small words left out.
        Assert.Equal("repeat-victims-district", ReportChartFiles.Subject("Repeat victims by district (2+ offences)"));
    }

    /// <summary>RFC 4180 rows (quoted fields may hold commas and doubled quotes).</summary>
    internal static List<List<string>> CsvRows(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n') { row.Add(cell.ToString()); cell.Clear(); rows.Add(row); row = []; }
            else if (c != '\r') cell.Append(c);
        }
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add(row); }
        return rows;
    }
}
