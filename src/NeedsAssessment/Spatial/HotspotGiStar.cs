using System.Collections.Immutable;
namespace NeedsAssessment.Spatial;

/// <summary>Settings actually used by <see cref="HotspotGiStar.Find"/>.</summary>
/// <param name="NeighbourDistance">Neighbour band in metres.</param>
/// <param name="NeighbourDistanceAutomatic">True when the band was set to cell size x √2 (queen contiguity).</param>
public sealed record HotspotGiStarParameters(double NeighbourDistance, bool NeighbourDistanceAutomatic);

/// <summary>Grid counts with each cell's Gi*.</summary>
/// <param name="Parameters">Neighbour settings used.</param>
/// <param name="Grid">The counting grid (its own parameters record cell size and extent).</param>
/// <param name="GiStar">Gi* per cell, aligned with <see cref="GridCountResult.Cells"/>.</param>
public sealed record HotspotGiStarResult(HotspotGiStarParameters Parameters, GridCountResult Grid, GiStarResult GiStar)
{
    /// <summary>Cells inside the analysed area, in grid order (empty: every cell). A map draws only these.</summary>
    public ImmutableArray<bool> Analysed { get; init; } = [];

    /// <summary>True when cell <paramref name="index"/> was analysed.</summary>
    public bool IsAnalysed(int index) => Analysed.IsDefaultOrEmpty || Analysed[index];
}

/// <summary>Hot and cold spots of points on a grid (as sfhotspot's <c>hotspot_gistar</c>).</summary>
public static class HotspotGiStar
{
    /// <summary>
    /// Counts points in a grid (<see cref="GridCounter.Count"/>), links each cell to the cells within
    /// <paramref name="neighbourDistance"/> of its centre plus itself, and computes <see cref="GetisOrdGiStar.Compute"/>
    /// on the counts (or the weight sums when <paramref name="weights"/> is given).
    /// The default band, cell size x √2, makes the eight surrounding cells neighbours, as sfhotspot's <c>gistar</c>.
    /// </summary>
    /// <param name="points">Event locations in metres.</param>
    /// <param name="cellSize">Cell side; automatic when null.</param>
    /// <param name="neighbourDistance">Neighbour band; cell size x √2 when null.</param>
    /// <param name="extent">Area to grid; the points' bounding box when null.</param>
    /// <param name="weights">Optional weight per point (e.g. harm); the statistic then uses the weight sums.</param>
    /// <param name="pAdjust">Multiple-comparison adjustment (BH FDR by default).</param>
    public static HotspotGiStarResult Find(
        IReadOnlyList<SpatialPoint> points,
        double? cellSize = null,
        double? neighbourDistance = null,
        Extent? extent = null,
        IReadOnlyList<double>? weights = null,
        PAdjustMethod pAdjust = PAdjustMethod.BenjaminiHochberg)
    {
        var grid = GridCounter.Count(points, cellSize, extent, weights);
        double band = neighbourDistance ?? grid.Parameters.CellSize * Math.Sqrt(2.0);
        var w = SpatialWeights.DistanceBand(grid.Centres(), band, includeSelf: true);
        var gi = GetisOrdGiStar.Compute(weights is null ? grid.Counts() : grid.Sums(), w, pAdjust);
        return new HotspotGiStarResult(new HotspotGiStarParameters(band, neighbourDistance is null), grid, gi);
    }
}
