using System.Collections.Immutable;

namespace NeedsAssessment.Spatial;

/// <summary>Per-period hotspots on one shared grid and the resulting classification.</summary>
/// <param name="Periods">Gi* hotspots of each period, oldest first, all on the same grid.</param>
/// <param name="Classification">Per-cell trend, aligned with each period's <see cref="GridCountResult.Cells"/>.</param>
public sealed record HotspotTrendsResult(ImmutableArray<HotspotGiStarResult> Periods, HotspotClassifyResult Classification);

/// <summary>Hotspot trends from points already split into periods (as sfhotspot's <c>hotspot_classify</c> after its split by <c>period</c>).</summary>
public static class HotspotTrends
{
    /// <summary>
    /// Lays one grid over all periods' points (bounding box of all of them unless <paramref name="extent"/> is given, cell
    /// size automatic from that box unless given), runs <see cref="HotspotGiStar.Find"/> for each period on that grid,
    /// and classifies every cell with <see cref="HotspotClassifier.Classify(IReadOnlyList{GiStarResult}, double, double, double, double)"/>.
    /// A period with no points has undefined Gi* and so counts as neither hot nor cold.
    /// </summary>
    /// <param name="pointsByPeriod">Event locations per period, oldest first; at least two periods.</param>
    /// <param name="cellSize">Cell side; automatic when null.</param>
    /// <param name="neighbourDistance">Gi* neighbour band; cell size x √2 when null.</param>
    /// <param name="extent">Area to grid; all points' bounding box when null.</param>
    /// <param name="hotspotProportion">See <see cref="HotspotClassifyParameters.HotspotProportion"/>.</param>
    /// <param name="persistentProportion">See <see cref="HotspotClassifyParameters.PersistentProportion"/>.</param>
    /// <param name="recentProportion">See <see cref="HotspotClassifyParameters.RecentProportion"/>.</param>
    /// <param name="criticalP">See <see cref="HotspotClassifyParameters.CriticalP"/>.</param>
    public static HotspotTrendsResult Find(
        IReadOnlyList<IReadOnlyList<SpatialPoint>> pointsByPeriod,
        double? cellSize = null,
        double? neighbourDistance = null,
        Extent? extent = null,
        double hotspotProportion = 0.1,
        double persistentProportion = 0.8,
        double recentProportion = 0.2,
        double criticalP = 0.05)
    {
        ArgumentNullException.ThrowIfNull(pointsByPeriod);
        if (pointsByPeriod.Count < 2) throw new ArgumentException("At least two periods are needed.", nameof(pointsByPeriod));
        var ext = extent ?? Extent.Of(pointsByPeriod.SelectMany(p => p).ToArray());
        double size = cellSize ?? GridCounter.DefaultCellSize(ext);
        var periods = pointsByPeriod.Select(p => HotspotGiStar.Find(p, size, neighbourDistance, ext)).ToImmutableArray();
        var classification = HotspotClassifier.Classify(periods.Select(p => p.GiStar).ToArray(), hotspotProportion, persistentProportion, recentProportion, criticalP);
        return new HotspotTrendsResult(periods, classification);
    }
}
