using NeedsAssessment.Spatial;

namespace NeedsAssessment.Tests.Spatial;

public class HotspotTrendsTests
{
    [Fact]
    public void Cluster_present_throughout_is_persistent_and_one_appearing_late_is_emerging()
    {
        var extent = new Extent(400_000, 300_000, 410_000, 310_000);
        var periods = new List<IReadOnlyList<SpatialPoint>>();
        for (int t = 0; t < 10; t++)
        {
            // Background of about two events per 200 m cell, a permanent cluster in the south-west and, in the last two
            // periods only, a new cluster in the north-east.
            var points = HotspotGiStarTests.UniformWithCluster(seed: 100 + t, background: 5_000, cluster: 150, cx: 402_000, cy: 302_000);
            if (t >= 8) points.AddRange(HotspotGiStarTests.UniformWithCluster(seed: 200 + t, background: 0, cluster: 150, cx: 408_000, cy: 308_000));
            periods.Add(points);
        }
        var result = HotspotTrends.Find(periods, cellSize: 200, extent: extent);

        var cells = result.Periods[0].Grid.Cells;
        int Nearest(double x, double y) => cells.Select((c, i) => (c, i)).MinBy(t => Math.Pow(t.c.X - x, 2) + Math.Pow(t.c.Y - y, 2)).i;
        Assert.Equal(HotspotTrend.PersistentHotspot, result.Classification.Cells[Nearest(402_000, 302_000)].Trend);
        Assert.Equal(HotspotTrend.EmergingHotspot, result.Classification.Cells[Nearest(408_000, 308_000)].Trend);
        Assert.All(result.Periods, p => Assert.Equal(result.Periods[0].Grid.Parameters, p.Grid.Parameters));
    }
}
