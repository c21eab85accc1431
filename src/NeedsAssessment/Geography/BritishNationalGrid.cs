using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace NeedsAssessment.Geography;

/// <summary>
/// Converts between British National Grid (EPSG:27700, OSGB 1936) metres and WGS84 longitude/latitude.
/// </summary>
/// <remarks>
/// Uses the published seven-parameter Helmert datum shift (TOWGS84), which is accurate to a few metres;
/// that is well inside the anonymisation of police.uk snap points, so OSTN15 grids are not needed.
/// </remarks>
public static class BritishNationalGrid
{
    /// <summary>Well-known text of EPSG:27700 including the OSGB 1936 to WGS84 Helmert parameters.</summary>
    public const string Wkt =
        "PROJCS[\"OSGB 1936 / British National Grid\",GEOGCS[\"OSGB 1936\",DATUM[\"OSGB_1936\"," +
        "SPHEROID[\"Airy 1830\",6377563.396,299.3249646,AUTHORITY[\"EPSG\",\"7001\"]]," +
        "TOWGS84[446.448,-125.157,542.06,0.15,0.247,0.842,-20.489],AUTHORITY[\"EPSG\",\"6277\"]]," +
        "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]]," +
        "AUTHORITY[\"EPSG\",\"4277\"]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",49]," +
        "PARAMETER[\"central_meridian\",-2],PARAMETER[\"scale_factor\",0.9996012717],PARAMETER[\"false_easting\",400000]," +
        "PARAMETER[\"false_northing\",-100000],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"Easting\",EAST]," +
        "AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\",\"27700\"]]";

    // ProjNET math transforms keep per-call scratch state, so each thread gets its own pair: DuckDB calls the
    // classification stage's conversion function from several threads at once.
    private static readonly ThreadLocal<(MathTransform ToWgs84, MathTransform FromWgs84)> Transforms = new(() =>
    {
        var bng = (CoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(Wkt);
        var factory = new CoordinateTransformationFactory();
        return (factory.CreateFromCoordinateSystems(bng, GeographicCoordinateSystem.WGS84).MathTransform,
                factory.CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, bng).MathTransform);
    });

    /// <summary>Converts a BNG easting/northing (metres) to WGS84 longitude and latitude (degrees).</summary>
    /// <param name="x">Easting in metres.</param>
    /// <param name="y">Northing in metres.</param>
    public static (double Longitude, double Latitude) ToLonLat(double x, double y)
    {
        var (lon, lat) = Transforms.Value.ToWgs84.Transform(x, y);
        return (lon, lat);
    }

    /// <summary>Converts WGS84 longitude and latitude (degrees) to a BNG easting/northing (metres).</summary>
    /// <param name="longitude">Longitude in degrees east.</param>
    /// <param name="latitude">Latitude in degrees north.</param>
    public static (double X, double Y) FromLonLat(double longitude, double latitude)
    {
        var (x, y) = Transforms.Value.FromWgs84.Transform(longitude, latitude);
        return (x, y);
    }
}
