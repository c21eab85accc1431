using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using NeedsAssessment.Tests.Report;

namespace NeedsAssessment.Tests.Pipeline;

/// <summary>
/// Every file a demo run publishes (CSV, Parquet, GeoJSON) is read back, and no count in it may lie inside the
/// suppression range of the run's policy (nhs: 1-7). Count columns are the output schemas' fields marked
/// <c>"disclosure": "count"</c>, plus columns named like counts in files without a schema; "name (n)" counts inside
/// text are checked too. Shares the report tests' demo run.
/// </summary>
public partial class PublishedFilesTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private const int HideFrom = 1, HideTo = 7;

    // Columns that hold counts of people or events, in files whose schema does not mark them.
    private static readonly HashSet<string> CountNames = new(StringComparer.Ordinal) { "count", "observed", "cluster_count", "numerator", "events", "n" };

    private static readonly HashSet<string> NonDisclosive = NeedsAssessment.Indicators.IndicatorCatalogue.Default.Indicators
        .Where(i => !i.Disclosive).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);

    private static Dictionary<string, HashSet<string>> SchemaCounts()
    {
        var map = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var folder = Path.Combine(NeedsAssessment.Tests.Classify.ClassifyFixture.RepoRoot(), "data-schemas", "outputs");
        foreach (var file in Directory.GetFiles(folder, "*.schema.json"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            if (!doc.RootElement.TryGetProperty("table", out var table)) continue;
            map[table.GetString()!] = doc.RootElement.GetProperty("fields").EnumerateArray()
                .Where(f => f.TryGetProperty("disclosure", out var d) && d.GetString() == "count")
                .Select(f => f.GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal);
        }
        return map;
    }

    [GeneratedRegex(@"\((\d+)\)")]
    private static partial Regex CountInText();

    private static IEnumerable<string> Published(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "partner-files" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    [Fact]
    public void No_published_file_of_the_demo_shows_a_count_inside_the_suppression_range()
    {
        var problems = Problems(fixture.Demo.OutputFolder, out var tables, out var counts, out var chartTables, out var chartCounts);
        Assert.True(tables >= 10, $"{tables} tables read");
        // The figures' data tables under charts/ are read with the report's own count columns.
        Assert.True(chartTables >= 8, $"{chartTables} figure data tables read");
        Assert.True(chartCounts > 50, $"{chartCounts} counts checked in figure data tables");
        Assert.True(counts > 10_000, $"{counts} counts checked");
        Assert.True(problems.Count == 0, $"{problems.Count} published counts inside {HideFrom}-{HideTo}, e.g.\n{string.Join("\n", problems.Take(20))}");
    }

    private static List<string> Problems(string folder, out int tables, out long counts) => Problems(folder, out tables, out counts, out _, out _);

    private static List<string> Problems(string folder, out int tables, out long counts, out int chartTables, out long chartCounts)
    {
        chartTables = 0;
        chartCounts = 0;
        var schemas = SchemaCounts();
        var problems = new List<string>();
        tables = 0;
        counts = 0;
        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        foreach (var file in Published(folder))
        {
            var ext = Path.GetExtension(file).ToLowerInvariant();
            string reader = ext switch
            {
                ".csv" => $"read_csv('{file.Replace("'", "''", StringComparison.Ordinal)}', header = true, all_varchar = true)",
                ".parquet" => $"read_parquet('{file.Replace("'", "''", StringComparison.Ordinal)}')",
                _ => "",
            };
            if (ext == ".geojson") problems.AddRange(GeoJsonCounts(file));
            if (reader.Length == 0) continue;
            tables++;
            var table = Path.GetFileNameWithoutExtension(file).Replace('-', '_');
            var marked = schemas.TryGetValue(table, out var m) ? m : null;
            using var cmd = duck.CreateCommand();
            cmd.CommandText = $"SELECT * FROM {reader}";
            using var r = cmd.ExecuteReader();
            var names = Enumerable.Range(0, r.FieldCount).Select(r.GetName).ToArray();
            // A figure's data table (charts/figure-NN-subject.csv) has the report's headings: its count columns are the
            // ones the report marks as counts, and a hidden cell is the word "suppressed".
            var figure = Path.GetFileName(Path.GetDirectoryName(file)) == NeedsAssessment.Report.ReportChartFiles.Folder;
            if (figure) chartTables++;
            var countCols = Enumerable.Range(0, names.Length).Where(i => figure ? i > 0 && NeedsAssessment.Report.AssessmentReport.IsCountColumn(names[i])
                : marked?.Contains(names[i]) ?? CountNames.Contains(names[i])).ToArray();
            if (marked is not null) Assert.All(marked, c => Assert.Contains(c, names));
            var indicatorCol = Array.IndexOf(names, "indicator_id");
            long row = 0;
            while (r.Read())
            {
                row++;
                // Counts of areas (e.g. convergence_areas: LSOAs in the top decile) are not counts of people or events.
                var nonDisclosive = indicatorCol >= 0 && !r.IsDBNull(indicatorCol) && NonDisclosive.Contains(r.GetString(indicatorCol));
                foreach (var i in nonDisclosive ? [] : countCols)
                {
                    if (r.IsDBNull(i)) continue;
                    double v;
                    if (figure)
                    {
                        if (!double.TryParse(r.GetString(i), NumberStyles.Float, CultureInfo.InvariantCulture, out v)) continue;
                        chartCounts++;
                    }
                    else v = Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);
                    counts++;
                    // Fractions of one (apportioned counts) disclose as much as a 1.
                    if (v > 0 && v <= HideTo) problems.Add($"{Path.GetFileName(file)} row {row}, {names[i]} = {v}");
                }
                for (int i = 0; i < names.Length; i++)
                {
                    // Only text with a bracket can hold "name (n)": the pattern is not run on the rest (millions of cells on the demo).
                    if (r.IsDBNull(i) || r.GetValue(i) is not string text || !text.Contains('(', StringComparison.Ordinal)) continue;
                    foreach (Match match in CountInText().Matches(text))
                        if (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) is >= HideFrom and <= HideTo)
                            problems.Add($"{Path.GetFileName(file)} row {row}, {names[i]}: '{match.Value}' in '{text}'");
                }
            }
        }
        return problems;
    }

    private static IEnumerable<string> GeoJsonCounts(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        if (!doc.RootElement.TryGetProperty("features", out var features)) yield break;
        int k = 0;
        foreach (var f in features.EnumerateArray())
        {
            k++;
            if (!f.TryGetProperty("properties", out var props) || props.ValueKind != JsonValueKind.Object) continue;
            foreach (var p in props.EnumerateObject())
                if (CountNames.Contains(p.Name) && p.Value.ValueKind == JsonValueKind.Number && p.Value.GetDouble() is > 0 and <= HideTo)
                    yield return $"{Path.GetFileName(file)} feature {k}, {p.Name} = {p.Value.GetDouble()}";
        }
    }

    [GeneratedRegex("<td class=\"n count\">(?<v>[^<]*)</td>")]
    private static partial Regex HtmlCountCell();

    /// <summary>Count cells of the report's tables and figure data tables (class "n count") that print a number inside the suppression range.</summary>
    private static List<string> HtmlProblems(string html, out int counts)
    {
        var problems = new List<string>();
        counts = 0;
        foreach (Match m in HtmlCountCell().Matches(html))
        {
            var text = System.Net.WebUtility.HtmlDecode(m.Groups["v"].Value).Replace(",", "", StringComparison.Ordinal).Trim();
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) continue;
            counts++;
            if (v is >= HideFrom and <= HideTo) problems.Add($"count cell '{m.Groups["v"].Value}' at character {m.Index}");
        }
        return problems;
    }

    [Fact]
    public void No_count_in_the_reports_tables_or_figure_data_tables_lies_inside_the_suppression_range()
    {
        // The demo, and the copy with one district thinned so that small counts really occur and must be hidden.
        var demo = File.ReadAllText(Path.Combine(fixture.Demo.OutputFolder, NeedsAssessment.Report.AssessmentReport.FileName));
        var sparse = File.ReadAllText(fixture.SparseReport.HtmlPath);
        foreach (var (name, html) in new[] { ("demo", demo), ("sparse", sparse) })
        {
            var problems = HtmlProblems(html, out var counts);
            Assert.True(counts > 100, $"{name}: only {counts} count cells read.");
            Assert.True(problems.Count == 0, $"{name}: {problems.Count} printed counts inside {HideFrom}-{HideTo}, e.g. {string.Join("; ", problems.Take(10))}");
        }
        Assert.Contains("<td class=\"n count hidden\"", sparse, StringComparison.Ordinal);
        // The check itself finds a planted one.
        Assert.Single(HtmlProblems("<td class=\"n count\">3</td>", out _));
    }

    [Fact]
    public void The_check_finds_a_small_count_planted_in_a_copy_of_a_published_file()
    {
        var folder = Path.Combine(fixture.NewFolder(), "hotspots");
        Directory.CreateDirectory(folder);
        var lines = File.ReadAllLines(Path.Combine(fixture.Demo.OutputFolder, "hotspots", "hotspot-top.csv"));
        var header = lines[0].Split(',');
        var cells = lines[1].Split(',');
        cells[Array.IndexOf(header, "count")] = "3.0";
        File.WriteAllLines(Path.Combine(folder, "hotspot-top.csv"), [lines[0], string.Join(',', cells), .. lines.Skip(2)]);
        var problems = Problems(folder, out var tables, out _);
        Assert.Equal(1, tables);
        Assert.Equal("hotspot-top.csv row 1, count = 3", Assert.Single(problems));

        // And one planted in a figure's data table: the monthly trend's "Offences per month" column.
        var charts = Path.Combine(fixture.NewFolder(), NeedsAssessment.Report.ReportChartFiles.Folder);
        Directory.CreateDirectory(charts);
        var trend = Directory.GetFiles(Path.Combine(fixture.Demo.OutputFolder, NeedsAssessment.Report.ReportChartFiles.Folder), "*-monthly-trend.csv").Single();
        var rows = File.ReadAllLines(trend);
        var first = rows[1].Split(',');
        first[1] = "5";
        File.WriteAllLines(Path.Combine(charts, Path.GetFileName(trend)), [rows[0], string.Join(',', first), .. rows.Skip(2)]);
        Assert.Equal($"{Path.GetFileName(trend)} row 1, Offences per month = 5", Assert.Single(Problems(charts, out _, out _)));
    }
}
