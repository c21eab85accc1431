namespace NeedsAssessment.Spatial;

/// <summary>An axis-aligned rectangle in projected metres.</summary>
/// <param name="MinX">Western edge.</param>
/// <param name="MinY">Southern edge.</param>
/// <param name="MaxX">Eastern edge.</param>
/// <param name="MaxY">Northern edge.</param>
public readonly record struct Extent(double MinX, double MinY, double MaxX, double MaxY)
{
    /// <summary>East-west size in metres.</summary>
    public double Width => MaxX - MinX;

    /// <summary>North-south size in metres.</summary>
    public double Height => MaxY - MinY;

    /// <summary>The bounding box of the points (as <c>sf::st_bbox</c>).</summary>
    /// <exception cref="ArgumentException">No points, or a non-finite coordinate.</exception>
    public static Extent Of(IReadOnlyList<SpatialPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0) throw new ArgumentException("At least one point is needed for an extent.", nameof(points));
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity;
        double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        foreach (var p in points)
        {
            if (!double.IsFinite(p.X) || !double.IsFinite(p.Y))
                throw new ArgumentException("Point coordinates must be finite.", nameof(points));
            minX = Math.Min(minX, p.X); maxX = Math.Max(maxX, p.X);
            minY = Math.Min(minY, p.Y); maxY = Math.Max(maxY, p.Y);
        }
        return new Extent(minX, minY, maxX, maxY);
    }
}
