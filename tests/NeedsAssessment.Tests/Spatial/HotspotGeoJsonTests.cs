using System.Globalization;
using System.Text.Json;
using NeedsAssessment.Spatial;
using NeedsAssessment.Tests.Report;

namespace NeedsAssessment.Tests.Spatial;

/// <summary>The demo run's hot spots as GeoJSON: every Gi* cell of the main period as a square, with the CSV's numbers.</summary>
public sealed class HotspotGeoJsonTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    [Fact]
    public void The_demo_publishes_the_main_periods_gistar_cells_as_squares_in_wgs84_and_bng_with_the_csvs_z_class_and_suppressed_counts()
    {
        var folder = Path.Combine(fixture.Demo.OutputFolder, "hotspots");
        using var parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "hotspot-parameters.json")));
        var period = parameters.RootElement.GetProperty("period").GetString()!;
        var size = parameters.RootElement.GetProperty("grid").GetProperty("cellSize").GetDouble();
        var lines = File.ReadAllLines(Path.Combine(folder, "hotspots.csv"));
        var header = lines[0].Split(',');
        int H(string n) => Array.IndexOf(header, n);
        var csv = lines.Skip(1).Select(l => l.Split(',')).Where(c => c[H("method")] == "gistar" && c[H("period")] == period).ToDictionary(c => c[H("unit_id")]);

        using var wgs = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, HotspotGeoJson.Wgs84File)));
        using var bng = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, HotspotGeoJson.BngFile)));
        Assert.Equal("urn:ogc:def:crs:EPSG::27700", bng.RootElement.GetProperty("crs").GetProperty("properties").GetProperty("name").GetString());
        Assert.False(wgs.RootElement.TryGetProperty("crs", out _));
        var features = wgs.RootElement.GetProperty("features").EnumerateArray().ToList();
        var squares = bng.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(csv.Count, features.Count);
        Assert.Equal(csv.Count, squares.Count);
        var suppressed = 0;
        for (var i = 0; i < features.Count; i++)
        {
            var p = features[i].GetProperty("properties");
            var row = csv[p.GetProperty("unit_id").GetString()!];
            Assert.Equal(row[H("class")], p.GetProperty("class").GetString());
            Assert.Equal(double.Parse(row[H("z")], CultureInfo.InvariantCulture), p.GetProperty("z").GetDouble(), 9);
            if (row[H("count")].Length == 0)
            {
                suppressed++;
                Assert.Equal(JsonValueKind.Null, p.GetProperty("count").ValueKind);
                Assert.True(p.GetProperty("count_suppressed").GetBoolean());
            }
            else Assert.Equal(double.Parse(row[H("count")], CultureInfo.InvariantCulture), p.GetProperty("count").GetDouble());
            Assert.False(string.IsNullOrEmpty(p.GetProperty("trend").GetString()));
            var ring = features[i].GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().Select(c => (c[0].GetDouble(), c[1].GetDouble())).ToList();
            Assert.Equal(5, ring.Count);
            Assert.Equal(ring[0], ring[4]);
            Assert.All(ring, c => { Assert.InRange(c.Item1, -9, 3); Assert.InRange(c.Item2, 49, 61); });
            var square = squares[i].GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().Select(c => (c[0].GetDouble(), c[1].GetDouble())).ToList();
            var (x, y) = (double.Parse(row[H("x")], CultureInfo.InvariantCulture), double.Parse(row[H("y")], CultureInfo.InvariantCulture));
            Assert.Equal((x - size / 2, y - size / 2), square[0]);
            Assert.Equal((x + size / 2, y + size / 2), square[2]);
        }
        Assert.True(suppressed > 0, "no suppressed cell in the demo: the check of suppressed counts did not run");
        var manifest = fixture.Demo.Run.Manifest.Outputs.Select(o => o.Path).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("hotspots/" + HotspotGeoJson.Wgs84File, manifest);
        Assert.Contains("hotspots/" + HotspotGeoJson.BngFile, manifest);
    }
}
