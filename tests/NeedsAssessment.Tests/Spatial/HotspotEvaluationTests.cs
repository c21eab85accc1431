using NeedsAssessment.Spatial;

namespace NeedsAssessment.Tests.Spatial;

public class HotspotEvaluationTests
{
    [Fact]
    public void PAI_and_RRI_match_a_constructed_case()
    {
        bool[] hot = [true, true, false, false, false, false, false, false, false, false];
        double[] found = [10, 10, 1, 1, 1, 1, 1, 1, 2, 2]; // N1 = 30, n1 = 20
        double[] next = [6, 4, 2, 2, 2, 2, 2, 2, 1, 1];   // N2 = 24, n2 = 10
        var result = HotspotEvaluation.Evaluate(hot, found, next);

        Assert.Equal(0.2, result.AreaShare, 12);
        Assert.Equal((20.0 / 30) / 0.2, result.PaiFound, 12);  // 3.33: two-thirds of crime in a fifth of the area
        Assert.Equal((10.0 / 24) / 0.2, result.PaiNext, 12);   // 2.08
        Assert.Equal((10.0 / 20) / (24.0 / 30), result.Rri, 12); // 0.625: hotspots fell faster than the area
    }

    [Fact]
    public void Unequal_cell_areas_weight_the_area_share()
    {
        var result = HotspotEvaluation.Evaluate([true, false], [5, 5], [5, 5], cellAreas: [1, 3]);
        Assert.Equal(0.25, result.AreaShare, 12);
        Assert.Equal(0.5 / 0.25, result.PaiFound, 12);
    }

    [Fact]
    public void Without_hotspot_events_the_RRI_is_undefined()
    {
        var result = HotspotEvaluation.Evaluate([true, false], [0, 5], [1, 5]);
        Assert.True(double.IsNaN(result.Rri));
    }

    [Fact]
    public void Gi_star_hotspots_found_in_one_period_capture_the_same_cluster_in_the_next()
    {
        var first = HotspotGiStarTests.UniformWithCluster(seed: 1, background: 1_500, cluster: 100, cx: 405_000, cy: 305_000);
        var second = HotspotGiStarTests.UniformWithCluster(seed: 2, background: 1_500, cluster: 100, cx: 405_000, cy: 305_000);
        var extent = new Extent(400_000, 300_000, 410_000, 310_000);
        var found = HotspotGiStar.Find(first, cellSize: 200, extent: extent);
        var next = GridCounter.Count(second, cellSize: 200, extent: extent);
        var result = HotspotEvaluation.Evaluate(found, next);
        Assert.True(result.HotspotCells > 0);
        Assert.True(result.PaiNext > 5, $"PAI = {result.PaiNext}");
    }
}
