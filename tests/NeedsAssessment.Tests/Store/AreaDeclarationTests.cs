using System.Globalization;
using NeedsAssessment.Ingest;
using NeedsAssessment.Pipeline;
using NeedsAssessment.Store;
using NeedsAssessment.Tests.Ingest;

namespace NeedsAssessment.Tests.Store;

/// <summary>
/// The partnership's area named by community safety partnership (through a CSP lookup) or given as a boundary file,
/// over the national reference files as ONS publishes them.
/// </summary>
public sealed class AreaDeclarationTests(NationalReferenceFixture fixture) : IClassFixture<NationalReferenceFixture>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("na-area-decl-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    // The ONS LAD23_CSP23_PFA23 layout; codes made up for the fixture. One partnership of one authority, one merged.
    private void LoadCspLookup()
    {
        var path = Path.Combine(_root, "LAD23_CSP23_PFA23_EW_LU.csv");
        File.WriteAllText(path, """
            LAD23CD,LAD23NM,CSP23CD,CSP23NM,PFA23CD,PFA23NM,ObjectId
            E06000014,York,E22000901,York,E23000009,North Yorkshire,1
            E06000065,North Yorkshire,E22000902,North Yorkshire and Wolds,E23000009,North Yorkshire,2
            E06000011,East Riding of Yorkshire,E22000902,North Yorkshire and Wolds,E23000010,Humberside,3
            """);
        var r = new Ingester(fixture.Store).Load("csp-lookup", path);
        Assert.Equal(0, r.RowsQuarantined);
    }

    [Fact]
    public void A_partnership_named_through_the_csp_lookup_takes_the_lsoas_of_its_local_authorities()
    {
        LoadCspLookup();
        var summary = AreaHierarchy.Build(fixture.Store, new PartnershipArea([]) { Csps = ["york"] }, "York CSP");
        Assert.Equal(fixture.York.Order(StringComparer.Ordinal), AreaHierarchy.Read(fixture.Store).Select(a => a.Lsoa21Code));
        Assert.Equal(["E06000014"], summary.Authorities);
        // The lookup's police force area is the partnership's force, with every authority the force covers.
        var force = PartnershipForce.Find(fixture.Store);
        Assert.Equal(("North Yorkshire", "the CSP lookup's police force area"), (force!.Name, force.Source));
        Assert.Equal(["E06000014", "E06000065"], force.Districts);

        // A merged partnership, by code: both its authorities.
        var merged = AreaHierarchy.Build(fixture.Store, new PartnershipArea([]) { Csps = ["E22000902"] }, "Merged CSP");
        Assert.Equal(["E06000011", "E06000065"], merged.Authorities);
        Assert.Equal(["East Riding of Yorkshire", "North Yorkshire"], merged.Districts.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.Equal(fixture.NorthYorkshire.Count, AreaHierarchy.Read(fixture.Store).Count(a => a.DistrictCode == "E06000065"));

        var e = Assert.Throws<UserErrorException>(() => AreaHierarchy.Build(fixture.Store, new PartnershipArea([]) { Csps = ["Yrok"] }, "X"));
        Assert.Contains("partnership.csp: 'Yrok'", e.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'York'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_boundary_file_in_lon_lat_takes_the_lsoas_whose_population_weighted_centroid_is_inside()
    {
        // York's own LSOA boundaries (CRS84, 121 polygons): their union is York.
        var lsoas = AreaBoundaryFile.Lsoas(fixture.Store, SharedData.File("geography/lsoa_E06000014.geojson"));
        Assert.Equal(fixture.York.Order(StringComparer.Ordinal), lsoas.Order(StringComparer.Ordinal));
        var summary = AreaHierarchy.Build(fixture.Store, new PartnershipArea([]) { BoundaryFile = "york.geojson" }, "York CSP", lsoas);
        Assert.Equal(121, summary.Lsoas);
        Assert.Equal(["York"], summary.Districts.Select(d => d.Name));
    }

    [Fact]
    public void A_boundary_file_in_british_national_grid_takes_the_centroids_inside_its_polygon()
    {
        // A 3 km square around a York centroid; the expected LSOAs are read from the published centroid file itself.
        var centroids = File.ReadLines(SharedData.File("geography/LSOA_Dec_2021_PWC_EW.csv")).Skip(1).Select(l => l.Split(','))
            .Select(f => (Code: f[1], X: double.Parse(f[3], CultureInfo.InvariantCulture), Y: double.Parse(f[4], CultureInfo.InvariantCulture))).ToList();
        var centre = centroids.First(c => fixture.York.Contains(c.Code));
        double x0 = centre.X - 1500, x1 = centre.X + 1500, y0 = centre.Y - 1500, y1 = centre.Y + 1500;
        var expected = centroids.Where(c => c.X > x0 && c.X < x1 && c.Y > y0 && c.Y < y1).Select(c => c.Code).Order(StringComparer.Ordinal).ToList();
        Assert.InRange(expected.Count, 3, 120);
        string P(double x, double y) => string.Create(CultureInfo.InvariantCulture, $"[{x}, {y}]");
        var path = Path.Combine(_root, "square.geojson");
        File.WriteAllText(path, $$$"""
            {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}},
             "features": [{"type": "Feature", "properties": {"name": "Centre"}, "geometry": {"type": "Polygon",
               "coordinates": [[{{{P(x0, y0)}}}, {{{P(x1, y0)}}}, {{{P(x1, y1)}}}, {{{P(x0, y1)}}}, {{{P(x0, y0)}}}]]}}]}
            """);
        Assert.Equal(expected, AreaBoundaryFile.Lsoas(fixture.Store, path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_boundary_polygon_that_fails_the_geometry_checks_is_refused_naming_the_setting_and_the_feature()
    {
        var path = Path.Combine(_root, "open.geojson");
        File.WriteAllText(path, """
            {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"CSPNM": "Open"}, "geometry": {"type": "Polygon",
               "coordinates": [[[-1.1, 53.9], [-1.0, 53.9], [-1.0, 54.0], [-1.1, 54.05]]]}}]}
            """);
        var e = Assert.Throws<UserErrorException>(() => AreaBoundaryFile.Lsoas(fixture.Store, path));
        Assert.Contains("partnership.boundary", e.Message, StringComparison.Ordinal);
        Assert.Contains("feature 1 ('Open')", e.Message, StringComparison.Ordinal);
        Assert.Contains("not closed", e.Message, StringComparison.Ordinal);
    }
}

public sealed class CspWithoutLookupTests
{
    [Fact]
    public void A_partnership_named_with_no_csp_lookup_loaded_says_which_file_to_load()
    {
        using var store = AssessmentStore.Open(":memory:");
        new Ingester(store).Load("boundaries", SharedData.File("geography/lsoa_E06000014.geojson"));
        var e = Assert.Throws<UserErrorException>(() => AreaHierarchy.Build(store, new PartnershipArea([]) { Csps = ["York"] }, "X"));
        Assert.Contains("partnership.csp: 'York'", e.Message, StringComparison.Ordinal);
        Assert.Contains("csp-lookup", e.Message, StringComparison.Ordinal);
    }
}
