using System.Collections.Immutable;
using NeedsAssessment.Spatial;

namespace NeedsAssessment.Tests.Spatial;

public class HotspotClassifierTests
{
    // Builds [period][cell] flags from one string per cell, one character per period ('1' = flagged).
    private static IReadOnlyList<IReadOnlyList<bool>> Flags(params string[] cells) =>
        Enumerable.Range(0, cells[0].Length).Select(t => (IReadOnlyList<bool>)cells.Select(c => c[t] == '1').ToArray()).ToArray();

    [Fact]
    public void Ten_period_series_are_classified_by_share_and_timing_of_hot_periods()
    {
        var hot = Flags(
            "1111111110", // 9/10 = 0.9 >= 0.8: persistent
            "0000000011", // none of the first 8, both of the last 2: emerging
            "1110000000", // 3/8 earlier, 0/2 recent: former
            "0100010001", // 0.3 overall, 2/8 earlier, 1/2 recent: intermittent
            "0000000000", // never: none
            "1000000000"); // 1/8 = 0.125 earlier >= 0.1 and 0/2 recent: former
        var cold = Flags(new string('0', 10), new string('0', 10), new string('0', 10), new string('0', 10), new string('0', 10), new string('0', 10));
        var result = HotspotClassifier.Classify(hot, cold);

        Assert.Equal(2, result.Parameters.RecentPeriods);
        Assert.Equal(
            [HotspotTrend.PersistentHotspot, HotspotTrend.EmergingHotspot, HotspotTrend.FormerHotspot,
             HotspotTrend.IntermittentHotspot, HotspotTrend.None, HotspotTrend.FormerHotspot],
            result.Cells.Select(c => c.Trend));
        Assert.Equal(0.3, result.Cells[3].ShareHot, 12);
        Assert.Equal(0.25, result.Cells[3].EarlierShareHot, 12);
        Assert.Equal(0.5, result.Cells[3].RecentShareHot, 12);
    }

    [Fact]
    public void Cold_series_get_the_coldspot_categories_and_hot_plus_cold_is_mixed()
    {
        var hot = Flags("0000000000", "1110000000");
        var cold = Flags("0000000011", "0000000011");
        var result = HotspotClassifier.Classify(hot, cold);
        Assert.Equal(HotspotTrend.EmergingColdspot, result.Cells[0].Trend);
        Assert.Equal(HotspotTrend.Mixed, result.Cells[1].Trend);
    }

    [Fact]
    public void Short_series_treat_at_least_the_last_period_as_recent()
    {
        // floor(0.2 * 3) = 0 recent periods, raised to 1.
        var result = HotspotClassifier.Classify(Flags("001"), Flags("000"));
        Assert.Equal(1, result.Parameters.RecentPeriods);
        Assert.Equal(HotspotTrend.EmergingHotspot, result.Cells[0].Trend);
    }

    [Fact]
    public void A_single_period_cannot_be_classified()
    {
        Assert.Throws<ArgumentException>(() => HotspotClassifier.Classify(Flags("1"), Flags("0")));
    }

    [Fact]
    public void Gi_star_periods_count_as_hot_when_positive_and_fdr_significant()
    {
        static GiStarResult Period(params (double z, double pAdj)[] cells) =>
            new(new GiStarParameters(PAdjustMethod.BenjaminiHochberg, true, new WeightsParameters("explicit", null, null, WeightsStyle.Binary, true)),
                cells.Length, 0, 1, cells.Select(c => new GiStarValue(c.z, c.pAdj, c.pAdj, GetisOrdGiStar.Classify(c.z, c.pAdj))).ToImmutableArray());
        var periods = Enumerable.Range(0, 5).Select(t => Period(
            (3.0, 0.01),                           // hot every period: persistent
            (3.0, t == 4 ? 0.01 : 0.2),            // significant only in the last: emerging
            (-3.0, 0.01))).ToList();               // cold every period
        var result = HotspotClassifier.Classify(periods);
        Assert.Equal([HotspotTrend.PersistentHotspot, HotspotTrend.EmergingHotspot, HotspotTrend.PersistentColdspot], result.Cells.Select(c => c.Trend));
    }
}
