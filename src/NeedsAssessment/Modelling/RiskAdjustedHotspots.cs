using NeedsAssessment.Spatial;

namespace NeedsAssessment.Modelling;

/// <summary>One LSOA's Gi* result on one basis.</summary>
/// <param name="Basis">raw (observed counts) or risk_adjusted (observed − expected).</param>
/// <param name="Lsoa21Code">LSOA 2021 code.</param>
/// <param name="DistrictCode">District code.</param>
/// <param name="Value">The value Gi* was run on: O, or O − E.</param>
/// <param name="Z">Gi* z-score.</param>
/// <param name="P">Two-sided p.</param>
/// <param name="PAdjusted">Benjamini-Hochberg adjusted p.</param>
/// <param name="Class">Hot/cold class on the adjusted p.</param>
public sealed record AreaHotspot(string Basis, string Lsoa21Code, string DistrictCode, double Value, double Z, double P, double PAdjusted, HotspotClass Class)
{
    /// <summary>Hot at 95% or more on the adjusted p.</summary>
    public bool IsHot => Class >= HotspotClass.Hot95;
}

/// <summary>Raw-count and risk-adjusted hotspots side by side.</summary>
public static class RiskAdjustedHotspots
{
    /// <summary>Basis label for Gi* on observed counts.</summary>
    public const string Raw = "raw";

    /// <summary>Basis label for Gi* on observed minus expected.</summary>
    public const string RiskAdjusted = "risk_adjusted";

    /// <summary>
    /// Getis-Ord Gi* (Ord and Getis 1995, eq. 14, via <see cref="GetisOrdGiStar.Compute"/>) on k-nearest-neighbour
    /// weights between LSOA centroids with each area its own neighbour, Benjamini-Hochberg FDR, run twice: on the
    /// observed counts O (raw: where violence is) and on O − E from the expected-count model (risk-adjusted: where
    /// there is more than the area's population, deprivation and night-time economy explain). O − E rather than O/E
    /// because the ratio is unstable where E is small. Rows: all raw, then all risk-adjusted, each in area order.
    /// </summary>
    /// <param name="areas">Area data with centroids, aligned with <paramref name="expected"/>.</param>
    /// <param name="expected">Expected counts for the same areas in the same order.</param>
    /// <param name="neighbours">k, neighbours besides the area itself.</param>
    public static IReadOnlyList<AreaHotspot> Compute(IReadOnlyList<AreaData> areas, IReadOnlyList<AreaExpected> expected, int neighbours = 4)
    {
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(expected);
        if (areas.Count != expected.Count) throw new ArgumentException("Expected counts must align with the areas.", nameof(expected));
        for (int i = 0; i < areas.Count; i++)
            if (!string.Equals(areas[i].Lsoa21Code, expected[i].Lsoa21Code, StringComparison.Ordinal))
                throw new ArgumentException("Expected counts must be in the same order as the areas.", nameof(expected));
        var weights = SpatialWeights.KNearest(areas.Select(a => new SpatialPoint(a.X, a.Y)).ToArray(), Math.Min(neighbours, areas.Count - 1), includeSelf: true);
        var raw = areas.Select(a => a.Observed).ToArray();
        var adjusted = expected.Select(e => e.Observed - e.Expected).ToArray();
        var rows = new List<AreaHotspot>(areas.Count * 2);
        foreach (var (basis, values) in new[] { (Raw, raw), (RiskAdjusted, adjusted) })
        {
            var g = GetisOrdGiStar.Compute(values, weights);
            for (int i = 0; i < areas.Count; i++)
            {
                var v = g.Values[i];
                rows.Add(new AreaHotspot(basis, areas[i].Lsoa21Code, areas[i].DistrictCode, values[i], v.Z, v.P, v.PAdjusted, v.Class));
            }
        }
        return rows;
    }
}
