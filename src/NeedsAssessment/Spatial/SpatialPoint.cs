namespace NeedsAssessment.Spatial;

/// <summary>A point in a projected coordinate system; for this engine British National Grid metres
/// (<see cref="X"/> = easting, <see cref="Y"/> = northing).</summary>
/// <param name="X">Easting in metres.</param>
/// <param name="Y">Northing in metres.</param>
public readonly record struct SpatialPoint(double X, double Y);
