using System.Globalization;
using System.Text.Json;
using MathNet.Numerics.Distributions;
using NeedsAssessment.Spatial;

namespace NeedsAssessment.Tests.Spatial;

/// <summary>
/// What <c>hotspots.csv</c> and <c>hotspot-parameters.json</c> promise a reader outside the partnership: every Gi* z
/// recomputed from the two files alone (an independent implementation of Getis and Ord 1995, eq. 14, with its own
/// neighbour search and MathNet's normal distribution, not the engine's weights or Gi* code), and no small count
/// published or recoverable.
/// </summary>
[Collection(HotspotDemoCollection.Name)]
public class HotspotExportTests(HotspotDemoFixture fixture)
{
    private sealed record CsvRow(string Method, string Period, string UnitId, double X, double Y, double? Count, double? Expected, double? Value,
        double? Z, double? P, double? PFdr, string Class);

    private static double? D(string s) => s.Length == 0 ? null : double.Parse(s, CultureInfo.InvariantCulture);

    private static List<CsvRow> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        Assert.Equal("method,period,unit_id,x,y,count,expected,value,z,p,p_fdr,class", lines[0]);
        return lines.Skip(1).Select(l => l.Split(',')).Select(f => new CsvRow(f[0], f[1], f[2], D(f[3])!.Value, D(f[4])!.Value, D(f[5]), D(f[6]), D(f[7]),
            D(f[8]), D(f[9]), D(f[10]), f[11])).ToList();
    }

    private List<CsvRow> Rows => ReadCsv(fixture.Hotspots.CsvPath!);

    private JsonElement Parameters => JsonDocument.Parse(File.ReadAllText(fixture.Hotspots.ParametersPath!)).RootElement;

    [Fact]
    public void Every_analysed_cell_of_the_grid_is_exported_for_every_gistar_period()
    {
        var grid = Parameters.GetProperty("grid");
        int cells = grid.GetProperty("analysedCells").GetInt32();
        Assert.InRange(cells, 1, grid.GetProperty("columns").GetInt32() * grid.GetProperty("rows").GetInt32());
        var periods = Rows.Where(r => r.Method == "gistar").GroupBy(r => r.Period).ToList();
        Assert.True(periods.Count >= 2);
        foreach (var p in periods)
        {
            Assert.Equal(cells, p.Count());
            Assert.Equal(cells, p.Select(r => r.UnitId).Distinct().Count());
            // Empty cells are there, and their value is not zero: that is why they must be exported.
            Assert.Contains(p, r => r.Count == 0 && r.Value is < 0);
        }
    }

    [Fact]
    public void Every_gistar_z_is_recomputed_from_the_csv_and_parameters_alone_to_1e9()
    {
        double size = Parameters.GetProperty("grid").GetProperty("cellSize").GetDouble();
        double band = Parameters.GetProperty("giStar").GetProperty("neighbourDistance").GetDouble();
        Assert.True(Parameters.GetProperty("giStar").GetProperty("includesSelf").GetBoolean());
        double worstZ = 0, worstP = 0;
        int checkedCells = 0, strong = 0;
        foreach (var period in Rows.Where(r => r.Method == "gistar").GroupBy(r => r.Period))
        {
            var cells = period.ToList();
            int n = cells.Count;
            var values = cells.Select(c => c.Value!.Value).ToArray();
            double mean = values.Average();
            double s = Math.Sqrt(values.Sum(v => v * v) / n - mean * mean);
            var byKey = new Dictionary<(long, long), int>();
            for (int i = 0; i < n; i++) byKey[(Key(cells[i].X, size), Key(cells[i].Y, size))] = i;
            int reach = (int)Math.Ceiling(band / size);
            for (int i = 0; i < n; i++)
            {
                double lag = 0;
                int w = 0;
                var (kx, ky) = (Key(cells[i].X, size), Key(cells[i].Y, size));
                for (long dx = -reach; dx <= reach; dx++)
                    for (long dy = -reach; dy <= reach; dy++)
                    {
                        if (!byKey.TryGetValue((kx + dx, ky + dy), out var j)) continue;
                        double d = Math.Sqrt(Math.Pow(cells[j].X - cells[i].X, 2) + Math.Pow(cells[j].Y - cells[i].Y, 2));
                        if (d > band * (1 + 1e-9)) continue;
                        lag += values[j];
                        w++;
                    }
                double z = (lag - mean * w) / (s * Math.Sqrt((n * (double)w - (double)w * w) / (n - 1)));
                double p = 2 * Normal.CDF(0, 1, -Math.Abs(z));
                worstZ = Math.Max(worstZ, Math.Abs(z - cells[i].Z!.Value));
                worstP = Math.Max(worstP, Math.Abs(p - cells[i].P!.Value));
                checkedCells++;
                if (Math.Abs(z) > 3) strong++;
            }
        }
        Assert.True(checkedCells > 10_000, $"{checkedCells} cells checked");
        Assert.True(strong > 50, "the demo's planted hot spots give strong z-scores");
        Assert.True(worstZ <= 1e-9, $"max |z difference| {worstZ:E3}");
        Assert.True(worstP <= 1e-9, $"max |p difference| {worstP:E3}");
    }

    private static long Key(double centre, double size) => (long)Math.Round(centre / size - 0.5);

    [Fact]
    public void No_exported_count_lies_inside_the_suppression_range()
    {
        var rows = Rows;
        Assert.Contains(rows, r => r.Count is null);
        Assert.DoesNotContain(rows, r => r.Count is >= 1 and <= 7);
        // An apportioned LSOA count below 1 is a fraction of one event.
        Assert.DoesNotContain(rows, r => r.Count is > 0 and < 1);
        var top = File.ReadAllLines(fixture.Hotspots.TopCsvPath!);
        var header = top[0].Split(',');
        int count = Array.IndexOf(header, "count"), cluster = Array.IndexOf(header, "cluster_count");
        Assert.True(top.Length > 2);
        foreach (var line in top.Skip(1))
        {
            var f = HotspotTestCsv.Split(line);
            Assert.False(D(f[count]) is >= 1 and <= 7, line);
            Assert.False(D(f[cluster]) is >= 1 and <= 7, line);
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(line, @"\((\d+)\)"))
                Assert.False(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) is >= 1 and <= 7, line);
        }
    }

    [Fact]
    public void A_suppressed_count_is_not_recoverable_as_value_plus_expected()
    {
        var standIns = Parameters.GetProperty("disclosure").GetProperty("standInByPeriod");
        var main = fixture.Hotspots.Main!;
        var period = main.Period.ToString();
        var exported = Rows.Where(r => r.Method == "gistar" && r.Period == period).ToDictionary(r => (r.X, r.Y));
        double standIn = standIns.GetProperty(period).GetDouble();
        int hidden = 0, differs = 0;
        var g = main.Result.Grid;
        for (int i = 0; i < g.Cells.Length; i++)
        {
            if (!main.Analysed[i]) continue;
            var row = exported[(g.Cells[i].X, g.Cells[i].Y)];
            if (row.Count is not null) continue;
            hidden++;
            // Every hidden cell gives the same stand-in, whatever its own count was.
            Assert.Equal(standIn, row.Value!.Value + row.Expected!.Value, 9);
            if (Math.Abs(Math.Round(row.Value.Value + row.Expected.Value) - g.Cells[i].Count) > 0) differs++;
        }
        Assert.True(hidden > 1, "secondary suppression never leaves one hidden cell");
        Assert.True(differs > 0);
        Assert.InRange(standIn, 1, 7);
    }
}

/// <summary>Splits a CSV line as DuckDB writes it (double-quoted fields may hold commas).</summary>
internal static class HotspotTestCsv
{
    // The loader's own RFC 4180 splitter, so the test reads the export as the product reads CSV.
    public static string[] Split(string line) => [.. NeedsAssessment.Ingest.SourceFile.SplitCsvLine(line, ',')];
}
