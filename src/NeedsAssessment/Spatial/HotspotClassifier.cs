using System.Collections.Immutable;

namespace NeedsAssessment.Spatial;

/// <summary>A cell's hot/cold-spot pattern over time (Chainey 2020, as sfhotspot's <c>hotspot_classify</c>).</summary>
public enum HotspotTrend
{
    /// <summary>Significant too rarely to be any kind of hot or cold spot.</summary>
    None = 0,

    /// <summary>Hot in at least the persistent share of all periods.</summary>
    PersistentHotspot,

    /// <summary>Rarely hot in earlier periods but hot in recent ones.</summary>
    EmergingHotspot,

    /// <summary>Hot in earlier periods but rarely in recent ones.</summary>
    FormerHotspot,

    /// <summary>Hot in at least the hotspot share of periods with no clear trend.</summary>
    IntermittentHotspot,

    /// <summary>Cold in at least the persistent share of all periods.</summary>
    PersistentColdspot,

    /// <summary>Rarely cold in earlier periods but cold in recent ones.</summary>
    EmergingColdspot,

    /// <summary>Cold in earlier periods but rarely in recent ones.</summary>
    FormerColdspot,

    /// <summary>Cold in at least the hotspot share of periods with no clear trend.</summary>
    IntermittentColdspot,

    /// <summary>Qualifies as both some kind of hotspot and some kind of coldspot.</summary>
    Mixed,
}

/// <summary>Classification thresholds actually used (defaults from sfhotspot's <c>hotspot_classify_params</c>).</summary>
/// <param name="HotspotProportion">Minimum share of periods significant for any category (0.1).</param>
/// <param name="PersistentProportion">Minimum share of periods significant for "persistent" (0.8).</param>
/// <param name="RecentProportion">Share of periods treated as recent, and the recent share needed for "emerging" (0.2).</param>
/// <param name="CriticalP">A period counts as hot/cold when its p (as given) is below this (0.05).</param>
/// <param name="Periods">Number of periods n.</param>
/// <param name="RecentPeriods">floor(RecentProportion × n), raised to 1 when that is 0.</param>
public sealed record HotspotClassifyParameters(
    double HotspotProportion, double PersistentProportion, double RecentProportion, double CriticalP, int Periods, int RecentPeriods);

/// <summary>One cell's classification and the shares it was based on.</summary>
/// <param name="Index">Cell index (grid order).</param>
/// <param name="Trend">The category.</param>
/// <param name="ShareHot">Share of all periods significantly hot.</param>
/// <param name="EarlierShareHot">Share of the non-recent periods significantly hot.</param>
/// <param name="RecentShareHot">Share of the recent periods significantly hot.</param>
/// <param name="ShareCold">Share of all periods significantly cold.</param>
/// <param name="EarlierShareCold">Share of the non-recent periods significantly cold.</param>
/// <param name="RecentShareCold">Share of the recent periods significantly cold.</param>
public sealed record HotspotTrendCell(
    int Index, HotspotTrend Trend, double ShareHot, double EarlierShareHot, double RecentShareHot,
    double ShareCold, double EarlierShareCold, double RecentShareCold);

/// <summary>Classification of every cell.</summary>
/// <param name="Parameters">Thresholds used.</param>
/// <param name="Cells">Cells in grid order.</param>
public sealed record HotspotClassifyResult(HotspotClassifyParameters Parameters, ImmutableArray<HotspotTrendCell> Cells);

/// <summary>Classifies cells by how their hot/cold-spot status changes over ordered periods.</summary>
public static class HotspotClassifier
{
    /// <summary>
    /// Classifies cells from per-period Gi* results on the same grid, in time order. A cell is hot (cold) in a period
    /// when its Gi* is positive (negative) and its <see cref="GiStarValue.PAdjusted"/> is below <paramref name="criticalP"/>.
    /// sfhotspot instead re-adjusts each cell's unadjusted p across periods (Holm); here each period's own
    /// multiple-comparison adjustment is used, so the result is consistent with the single-period maps.
    /// </summary>
    /// <param name="periods">Gi* for each period, oldest first; at least two.</param>
    /// <param name="hotspotProportion">See <see cref="HotspotClassifyParameters.HotspotProportion"/>.</param>
    /// <param name="persistentProportion">See <see cref="HotspotClassifyParameters.PersistentProportion"/>.</param>
    /// <param name="recentProportion">See <see cref="HotspotClassifyParameters.RecentProportion"/>.</param>
    /// <param name="criticalP">See <see cref="HotspotClassifyParameters.CriticalP"/>.</param>
    public static HotspotClassifyResult Classify(
        IReadOnlyList<GiStarResult> periods,
        double hotspotProportion = 0.1,
        double persistentProportion = 0.8,
        double recentProportion = 0.2,
        double criticalP = 0.05)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var hot = periods.Select(r => (IReadOnlyList<bool>)r.Values.Select(v => v.Z > 0 && v.PAdjusted < criticalP).ToArray()).ToArray();
        var cold = periods.Select(r => (IReadOnlyList<bool>)r.Values.Select(v => v.Z < 0 && v.PAdjusted < criticalP).ToArray()).ToArray();
        return Classify(hot, cold, hotspotProportion, persistentProportion, recentProportion, criticalP);
    }

    /// <summary>
    /// The classification rules of sfhotspot's <c>hotspot_classify</c> (after Chainey 2020), applied separately to hot
    /// and to cold flags, first match wins: persistent when share ≥ <paramref name="persistentProportion"/>; emerging when
    /// earlier share &lt; <paramref name="hotspotProportion"/> and recent share ≥ <paramref name="recentProportion"/>;
    /// former when earlier share ≥ <paramref name="hotspotProportion"/> and recent share &lt; <paramref name="hotspotProportion"/>;
    /// intermittent when share ≥ <paramref name="hotspotProportion"/>; otherwise none. A cell that is both some hot
    /// category and some cold category is <see cref="HotspotTrend.Mixed"/>. The recent periods are the last
    /// floor(<paramref name="recentProportion"/> × n) (at least 1). sfhotspot's code sums one extra period into the
    /// recent share (an off-by-one); this uses exactly the recent periods.
    /// </summary>
    /// <param name="hotByPeriod">[period][cell] significant-hot flags, oldest period first.</param>
    /// <param name="coldByPeriod">[period][cell] significant-cold flags, same shape.</param>
    /// <param name="hotspotProportion">See <see cref="HotspotClassifyParameters.HotspotProportion"/>.</param>
    /// <param name="persistentProportion">See <see cref="HotspotClassifyParameters.PersistentProportion"/>.</param>
    /// <param name="recentProportion">See <see cref="HotspotClassifyParameters.RecentProportion"/>.</param>
    /// <param name="criticalP">Recorded only: the level at which the flags were set.</param>
    /// <exception cref="ArgumentException">Fewer than two periods, or ragged input.</exception>
    public static HotspotClassifyResult Classify(
        IReadOnlyList<IReadOnlyList<bool>> hotByPeriod,
        IReadOnlyList<IReadOnlyList<bool>> coldByPeriod,
        double hotspotProportion = 0.1,
        double persistentProportion = 0.8,
        double recentProportion = 0.2,
        double criticalP = 0.05)
    {
        ArgumentNullException.ThrowIfNull(hotByPeriod);
        ArgumentNullException.ThrowIfNull(coldByPeriod);
        foreach (var (name, value) in new[] { ("hotspotProportion", hotspotProportion), ("persistentProportion", persistentProportion), ("recentProportion", recentProportion), ("criticalP", criticalP) })
            if (!(value > 0 && value < 1)) throw new ArgumentOutOfRangeException(name, value, "Must lie strictly between 0 and 1.");
        int n = hotByPeriod.Count;
        if (n < 2) throw new ArgumentException("At least two periods are needed: one recent and one earlier.", nameof(hotByPeriod));
        if (coldByPeriod.Count != n) throw new ArgumentException("Hot and cold flags must cover the same periods.", nameof(coldByPeriod));
        int cells = hotByPeriod[0].Count;
        for (int t = 0; t < n; t++)
            if (hotByPeriod[t].Count != cells || coldByPeriod[t].Count != cells)
                throw new ArgumentException("Every period must flag the same number of cells.", nameof(hotByPeriod));

        int recent = (int)Math.Floor(recentProportion * n);
        if (recent < 1 || n - recent < 1) recent = 1;
        int earlier = n - recent;

        var result = ImmutableArray.CreateBuilder<HotspotTrendCell>(cells);
        for (int c = 0; c < cells; c++)
        {
            var (hAll, hOld, hNew) = Shares(hotByPeriod, c, earlier, recent);
            var (cAll, cOld, cNew) = Shares(coldByPeriod, c, earlier, recent);
            int hotCat = Category(hAll, hOld, hNew, hotspotProportion, persistentProportion, recentProportion);
            int coldCat = Category(cAll, cOld, cNew, hotspotProportion, persistentProportion, recentProportion);
            var trend = hotCat != 0 && coldCat != 0 ? HotspotTrend.Mixed
                : hotCat != 0 ? (HotspotTrend)hotCat
                : coldCat != 0 ? (HotspotTrend)(coldCat + 4)
                : HotspotTrend.None;
            result.Add(new HotspotTrendCell(c, trend, hAll, hOld, hNew, cAll, cOld, cNew));
        }
        var parameters = new HotspotClassifyParameters(hotspotProportion, persistentProportion, recentProportion, criticalP, n, recent);
        return new HotspotClassifyResult(parameters, result.MoveToImmutable());
    }

    private static (double All, double Earlier, double Recent) Shares(IReadOnlyList<IReadOnlyList<bool>> flags, int cell, int earlier, int recent)
    {
        int old = 0, young = 0;
        for (int t = 0; t < earlier; t++) if (flags[t][cell]) old++;
        for (int t = earlier; t < earlier + recent; t++) if (flags[t][cell]) young++;
        return ((old + young) / (double)(earlier + recent), old / (double)earlier, young / (double)recent);
    }

    // 1 persistent, 2 emerging, 3 former, 4 intermittent, 0 none: matches the hot members of HotspotTrend.
    private static int Category(double all, double earlier, double recent, double hotspotProp, double persistentProp, double recentProp)
    {
        if (all >= persistentProp) return 1;
        if (earlier < hotspotProp && recent >= recentProp) return 2;
        if (earlier >= hotspotProp && recent < hotspotProp) return 3;
        if (all >= hotspotProp) return 4;
        return 0;
    }
}
