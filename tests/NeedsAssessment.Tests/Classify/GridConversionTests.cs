using NeedsAssessment.Classify;
using static NeedsAssessment.Tests.Classify.ClassifyFixture;

namespace NeedsAssessment.Tests.Classify;

public class GridConversionTests
{
    // Ordnance Survey OSTN15 developer pack test points (OSTN15_OSGM15_TestInput/Output_ETRStoOSGB.txt):
    // ETRS89 latitude, longitude -> OSGB36 National Grid easting, northing. ETRS89 and WGS84 agree to well under
    // a metre for this purpose. The 7-parameter Helmert shift used here is good to a few metres, so 5 m is the tolerance.
    private const double ToleranceMetres = 5.0;

    [Theory]
    [InlineData("TP20 Pudsey", 53.80021519630, -1.66379168242, 422242.186, 433818.701)]
    [InlineData("TP09 Lambeth", 51.48936564950, -0.11992557180, 530624.974, 178388.464)]
    [InlineData("TP25 Newcastle University", 54.97912273660, -1.61657685184, 424639.355, 565012.703)]
    public void PoliceUkLongitudeLatitudeConvertsToBritishNationalGridWithinAFewMetresOfOrdnanceSurvey(
        string point, double latitude, double longitude, double easting, double northing)
    {
        using var store = NewStore();
        Street(store, 1, "Robbery", lon: longitude, lat: latitude);
        Classifier.Run(store);
        var e = Event(store, "police_street", 1);
        var dx = (double)e["x"]! - easting;
        var dy = (double)e["y"]! - northing;
        Assert.True(Math.Sqrt(dx * dx + dy * dy) < ToleranceMetres, $"{point}: off by {dx:F2} m east, {dy:F2} m north");
        Assert.Equal(true, e["xy_converted"]);
    }

    [Fact]
    public void RowsWithoutCoordinatesKeepNullGridReferences()
    {
        using var store = NewStore();
        Street(store, 1, "Robbery", lon: null, lat: null);
        Classifier.Run(store);
        var e = Event(store, "police_street", 1);
        Assert.Null(e["x"]);
        Assert.Null(e["y"]);
        Assert.Equal(false, e["xy_converted"]);
    }

    [Fact]
    public void EveryRecordAtASharedSnapPointGetsThatPointsOwnProjection()
    {
        using var store = NewStore();
        // police.uk snaps many records to one point; each distinct point is projected once and joined back.
        Street(store, 1, "Robbery", lon: -1.08, lat: 53.96);
        Street(store, 2, "Robbery", lon: -1.5, lat: 54.2);
        Street(store, 3, "Robbery", lon: -1.08, lat: 53.96);
        Street(store, 4, "Robbery", lon: -1.08, lat: null);
        Classifier.Run(store);
        foreach (var (row, lon, lat) in new[] { (1L, -1.08, 53.96), (2L, -1.5, 54.2), (3L, -1.08, 53.96) })
        {
            var e = Event(store, "police_street", row);
            var (x, y) = NeedsAssessment.Geography.BritishNationalGrid.FromLonLat(lon, lat);
            Assert.Equal(x, (double)e["x"]!);
            Assert.Equal(y, (double)e["y"]!);
        }
        var half = Event(store, "police_street", 4);
        Assert.Null(half["x"]);
        Assert.Equal(false, half["xy_converted"]);
        Assert.False(store.TableExists(Classifier.PointsTable));
    }

    [Fact]
    public void PoliceRecordedCrimeKeepsItsOwnEastingAndNorthing()
    {
        using var store = NewStore();
        Crime(store, 1, "8N");
        Classifier.Run(store);
        var e = Event(store, "police_recorded_crime", 1);
        Assert.Equal(460000.0, e["x"]);
        Assert.Equal(452000.0, e["y"]);
        Assert.Equal(false, e["xy_converted"]);
    }
}
