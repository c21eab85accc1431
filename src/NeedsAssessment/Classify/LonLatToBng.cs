using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace NeedsAssessment.Classify;

/// <summary>
/// WGS84 longitude/latitude to British National Grid (EPSG:27700) metres, for police.uk snap points.
/// Kept private to classification until <c>NeedsAssessment.Spatial.BritishNationalGrid</c> reaches main.
/// Uses the OSGB36 7-parameter Helmert shift (TOWGS84), good to a few metres in England and Wales; OSTN15
/// would be exact but needs its grid file. police.uk points are already anonymised to street snap points
/// hundreds of metres apart, so metres do not matter.
/// </summary>
internal static class LonLatToBng
{
    private const string Epsg27700Wkt =
        "PROJCS[\"OSGB 1936 / British National Grid\"," +
        "GEOGCS[\"OSGB 1936\",DATUM[\"OSGB_1936\",SPHEROID[\"Airy 1830\",6377563.396,299.3249646,AUTHORITY[\"EPSG\",\"7001\"]]," +
        "TOWGS84[446.448,-125.157,542.06,0.15,0.247,0.842,-20.489],AUTHORITY[\"EPSG\",\"6277\"]]," +
        "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4277\"]]," +
        "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",49],PARAMETER[\"central_meridian\",-2]," +
        "PARAMETER[\"scale_factor\",0.9996012717],PARAMETER[\"false_easting\",400000],PARAMETER[\"false_northing\",-100000]," +
        "UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AUTHORITY[\"EPSG\",\"27700\"]]";

    // MathTransform keeps per-call scratch state, so each thread gets its own; DuckDB may call from several threads.
    private static readonly ThreadLocal<MathTransform> Transform = new(() =>
    {
        var bng = (ProjectedCoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(Epsg27700Wkt);
        return new CoordinateTransformationFactory().CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, bng).MathTransform;
    });

    /// <summary>Easting and northing in metres.</summary>
    public static (double Easting, double Northing) Convert(double longitude, double latitude)
    {
        var (e, n) = Transform.Value!.Transform(longitude, latitude);
        return (e, n);
    }
}
