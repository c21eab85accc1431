namespace NeedsAssessment.Spatial;

/// <summary>How well hotspots found in one period capture events in that period and the next.</summary>
/// <param name="HotspotCells">Number of cells flagged as hotspots.</param>
/// <param name="AreaShare">a/A: hotspot area as a share of the study area.</param>
/// <param name="EventsFound">N₁: events in the period the hotspots were found in.</param>
/// <param name="EventsInHotspotsFound">n₁: of those, events inside hotspots.</param>
/// <param name="EventsNext">N₂: events in the following period.</param>
/// <param name="EventsInHotspotsNext">n₂: of those, events inside the same hotspots.</param>
/// <param name="PaiFound">PAI in the period of discovery: (n₁/N₁)/(a/A).</param>
/// <param name="PaiNext">Predictive PAI for the next period: (n₂/N₂)/(a/A).</param>
/// <param name="Rri">Recapture rate index: (n₂/n₁)/(N₂/N₁); NaN when n₁ or N₂ is 0.</param>
public sealed record HotspotEvaluationResult(
    int HotspotCells, double AreaShare,
    double EventsFound, double EventsInHotspotsFound, double EventsNext, double EventsInHotspotsNext,
    double PaiFound, double PaiNext, double Rri);

/// <summary>Predictive Accuracy Index and Recapture Rate Index of a set of hotspot cells.</summary>
public static class HotspotEvaluation
{
    /// <summary>
    /// PAI = (n/N)/(a/A) (Chainey, Tompson &amp; Uhlig 2008, Security Journal 21:4-28): the share of events captured
    /// divided by the share of area. RRI = (n₂/n₁)/(N₂/N₁) (Levine 2008, CrimeStat ch. 6): how the hotspots' count changes
    /// relative to the whole area's. Undefined ratios are NaN.
    /// </summary>
    /// <param name="isHotspot">Per cell, whether it is a hotspot (found in the first period).</param>
    /// <param name="countsFound">Per cell event counts in the period the hotspots were found in.</param>
    /// <param name="countsNext">Per cell event counts in the next period.</param>
    /// <param name="cellAreas">Per cell area; equal areas when null (a regular grid).</param>
    public static HotspotEvaluationResult Evaluate(
        IReadOnlyList<bool> isHotspot,
        IReadOnlyList<double> countsFound,
        IReadOnlyList<double> countsNext,
        IReadOnlyList<double>? cellAreas = null)
    {
        ArgumentNullException.ThrowIfNull(isHotspot);
        ArgumentNullException.ThrowIfNull(countsFound);
        ArgumentNullException.ThrowIfNull(countsNext);
        int m = isHotspot.Count;
        if (countsFound.Count != m || countsNext.Count != m || (cellAreas is not null && cellAreas.Count != m))
            throw new ArgumentException("All per-cell inputs must have the same length.", nameof(isHotspot));
        double a = 0, area = 0, n1 = 0, bigN1 = 0, n2 = 0, bigN2 = 0;
        int cells = 0;
        for (int i = 0; i < m; i++)
        {
            double ai = cellAreas?[i] ?? 1.0;
            area += ai; bigN1 += countsFound[i]; bigN2 += countsNext[i];
            if (!isHotspot[i]) continue;
            cells++; a += ai; n1 += countsFound[i]; n2 += countsNext[i];
        }
        double areaShare = area > 0 ? a / area : double.NaN;
        double pai1 = bigN1 > 0 && areaShare > 0 ? n1 / bigN1 / areaShare : double.NaN;
        double pai2 = bigN2 > 0 && areaShare > 0 ? n2 / bigN2 / areaShare : double.NaN;
        double rri = n1 > 0 && bigN1 > 0 && bigN2 > 0 ? (n2 / n1) / (bigN2 / bigN1) : double.NaN;
        return new HotspotEvaluationResult(cells, areaShare, bigN1, n1, bigN2, n2, pai1, pai2, rri);
    }

    /// <summary>
    /// Evaluates the cells of <paramref name="found"/> classed at least <paramref name="minimumClass"/> (hot, 95% by default)
    /// against the counts of the next period, which must use the same grid (count it with the same cell size and extent).
    /// </summary>
    /// <param name="found">Gi* hotspots of the first period.</param>
    /// <param name="next">Counts of the next period on the same grid.</param>
    /// <param name="minimumClass">Weakest hot class that counts as a hotspot.</param>
    public static HotspotEvaluationResult Evaluate(HotspotGiStarResult found, GridCountResult next, HotspotClass minimumClass = HotspotClass.Hot95)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(next);
        var g1 = found.Grid.Parameters; var g2 = next.Parameters;
        if (g1.Columns != g2.Columns || g1.Rows != g2.Rows || g1.CellSize != g2.CellSize || g1.Extent != g2.Extent)
            throw new ArgumentException("The next period must be counted on the same grid.", nameof(next));
        if (minimumClass <= HotspotClass.None) throw new ArgumentOutOfRangeException(nameof(minimumClass), "Choose a hot class.");
        var hot = found.GiStar.Values.Select(v => v.Class >= minimumClass).ToArray();
        return Evaluate(hot, found.Grid.Counts(), next.Counts());
    }
}
