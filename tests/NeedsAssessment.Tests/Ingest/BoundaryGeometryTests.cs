using System.Globalization;

namespace NeedsAssessment.Tests.Ingest;

/// <summary>
/// Issue 20, part 4: boundaries are checked at ingest (closed rings, valid polygons, coordinates in the declared CRS's
/// range, the CRS against the values) and a bad feature is quarantined with its reason, nothing lost. Before, an
/// unclosed or two-point ring or a 1e308 coordinate loaded and crashed the report, and a file saying EPSG:4326 over
/// British National Grid values drew a map with northings of 400,000,000.
/// </summary>
public class BoundaryGeometryTests
{
    private const string Square = "[[[-1.50,52.50],[-1.49,52.50],[-1.49,52.51],[-1.50,52.51],[-1.50,52.50]]]";

    /// <summary>Three features; the second has <paramref name="second"/> as its geometry.</summary>
    private static string Collection(string second, string? crs = null, string firstGeometry = "{\"type\":\"Polygon\",\"coordinates\":" + Square + "}")
    {
        string Feature(int i, string geometry, string name) =>
            "{\"type\":\"Feature\",\"properties\":{\"LSOA21CD\":\"E01" + i.ToString("D6", CultureInfo.InvariantCulture) + "\",\"LSOA21NM\":\"" + name + "\"},\"geometry\":" + geometry + "}";
        var c = crs is null ? "" : "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"" + crs + "\"}},";
        return "{\"type\":\"FeatureCollection\"," + c + "\"features\":[" +
               string.Join(",", Feature(1, firstGeometry, "Area 1"), Feature(2, second, "Area 2"), Feature(3, firstGeometry, "Area 3")) + "]}";
    }

    public static TheoryData<string, string, string> BadShapes => new()
    {
        { "unclosed ring", "{\"type\":\"Polygon\",\"coordinates\":[[[-1.5,52.5],[-1.49,52.5],[-1.49,52.51],[-1.5,52.51]]]}", "ring 1 is not closed: it starts at (-1.5, 52.5) and ends at (-1.5, 52.51); the last position must repeat the first" },
        { "two-point ring", "{\"type\":\"Polygon\",\"coordinates\":[[[-1.5,52.5],[-1.49,52.5]]]}", "ring 1 has 2 position(s); a closed ring needs at least 4 (the last repeating the first)" },
        { "1e308", "{\"type\":\"Polygon\",\"coordinates\":[[[-1.5,52.5],[1e308,52.5],[-1.49,52.51],[-1.5,52.5]]]}", "position (1E+308, 52.5) is outside Great Britain and Northern Ireland" },
        { "self-intersecting", "{\"type\":\"Polygon\",\"coordinates\":[[[-1.5,52.5],[-1.49,52.51],[-1.49,52.5],[-1.5,52.51],[-1.5,52.5]]]}", "the polygon is not valid: Self-intersection at (" },
        { "a point", "{\"type\":\"Point\",\"coordinates\":[-1.5,52.5]}", "the geometry is a Point; an area boundary must be a Polygon or MultiPolygon" },
        { "text coordinate", "{\"type\":\"Polygon\",\"coordinates\":[[[\"x\",52.5],[-1.49,52.5],[-1.49,52.51],[-1.5,52.5]]]}", "position [\"x\",52.5] is not two finite numbers (x, y)" },
        { "swapped", "{\"type\":\"Polygon\",\"coordinates\":[[[52.5,-1.5],[52.5,-1.49],[52.51,-1.49],[52.5,-1.5]]]}", "longitude and latitude look swapped" },
    };

    [Theory]
    [MemberData(nameof(BadShapes))]
    public void A_bad_feature_is_quarantined_with_its_reason_and_the_others_load(string caseName, string geometry, string reason)
    {
        using var h = new Harness();
        var r = h.Load("boundaries", "lsoa.geojson", Collection(geometry));

        Assert.True((3L, 2L, 1L) == (r.RowsRead, r.RowsLoaded, r.RowsQuarantined), caseName);
        var q = Assert.Single(h.Quarantine(r.LoadId));
        Assert.Equal(2, q.Record);
        Assert.Equal("geometry", q.Rule);
        Assert.Contains(reason, q.Message, StringComparison.Ordinal);
        Assert.Equal([1L, 3L], h.SourceRows("boundaries", r.LoadId));
    }

    [Fact]
    public void A_file_declaring_wgs84_over_british_national_grid_values_is_told_so_feature_by_feature()
    {
        using var h = new Harness();
        var grid = "{\"type\":\"Polygon\",\"coordinates\":[[[451000,434000],[451100,434000],[451100,434100],[451000,434100],[451000,434000]]]}";
        var r = h.Load("boundaries", "lsoa.geojson", Collection(grid, "urn:ogc:def:crs:EPSG::4326", grid));

        Assert.Equal((3L, 0L, 3L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.All(h.Quarantine(r.LoadId), q => Assert.Contains(
            "the collection declares 'urn:ogc:def:crs:EPSG::4326' (longitude, latitude in degrees) but the coordinates, e.g. (451000, 434000), are British National Grid metres: set the collection's crs to EPSG:27700, or reproject the file to CRS84",
            q.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_declaring_british_national_grid_over_longitude_and_latitude_is_told_so()
    {
        using var h = new Harness();
        var lonLat = "{\"type\":\"Polygon\",\"coordinates\":" + Square + "}";
        var r = h.Load("boundaries", "lsoa.geojson", Collection(lonLat, "urn:ogc:def:crs:EPSG::27700", lonLat));

        Assert.Equal((3L, 0L, 3L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Contains("(British National Grid metres) but the coordinates, e.g. (-1.5, 52.5), are longitude and latitude in degrees", h.Quarantine(r.LoadId)[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Good_boundaries_in_either_crs_load_whole()
    {
        foreach (var crs in new string?[] { null, "urn:ogc:def:crs:EPSG::27700" })
        {
            // One store each: the same LSOA codes from a second file would be quarantined as already loaded.
            using var h = new Harness();
            var r = h.Load("boundaries", "lsoa.geojson", Fixture.Boundaries(5, crs));
            Assert.Equal((5L, 5L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        }
    }

    [Fact]
    public void The_synthetic_countys_boundaries_pass_every_geometry_rule()
    {
        using var h = new Harness();
        // The session's one-year county of seed 7 (the pipeline tests' county), generated once and only read here.
        var data = SharedDemo.County(seed: 7, years: 1);
        var file = Assert.Single(data.FilesByKind["boundaries"]);
        var r = h.Ingester.Load("boundaries", file);

        Assert.True(r.RowsLoaded > 100);
        Assert.Empty(h.Quarantine(r.LoadId));
    }

    [Fact]
    public void A_control_character_in_an_area_name_quarantines_the_record_naming_the_character()
    {
        using var h = new Harness();
        var geometry = "{\"type\":\"Polygon\",\"coordinates\":" + Square + "}";
        var text = Collection(geometry).Replace("\"Area 2\"", "\"Area\\u0007 2\"", StringComparison.Ordinal);
        var r = h.Load("boundaries", "lsoa.geojson", text);

        Assert.Equal((3L, 2L, 1L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var q = Assert.Single(h.Quarantine(r.LoadId));
        Assert.Equal("control-character", q.Rule);
        Assert.Equal("'LSOA21NM' value holds control character U+0007 at position 5: names are printed in the report, the workbook and the maps; remove the character from the file", q.Message);
    }
}
