using NeedsAssessment.Spatial;

namespace NeedsAssessment.Tests.Spatial;

public class HotspotGiStarTests
{
    internal static List<SpatialPoint> UniformWithCluster(int seed, int background, int cluster, double cx, double cy)
    {
        var random = new Random(seed);
        var points = new List<SpatialPoint>();
        for (int i = 0; i < background; i++) points.Add(new SpatialPoint(400_000 + random.NextDouble() * 10_000, 300_000 + random.NextDouble() * 10_000));
        for (int i = 0; i < cluster; i++)
        {
            double r = 250 * Math.Sqrt(random.NextDouble()), a = 2 * Math.PI * random.NextDouble();
            points.Add(new SpatialPoint(cx + r * Math.Cos(a), cy + r * Math.Sin(a)));
        }
        return points;
    }

    [Fact]
    public void Planted_cluster_on_a_uniform_background_is_hot_at_five_percent_fdr()
    {
        // Background dense enough (about two events per automatic 100 m cell) for Gi*'s normal approximation to hold;
        // on much sparser counts single cells with two or three events become "significant" too.
        var points = UniformWithCluster(seed: 42, background: 20_000, cluster: 300, cx: 407_000, cy: 303_000);
        var result = HotspotGiStar.Find(points);

        int centre = result.Grid.Cells.Select((c, i) => (c, i)).MinBy(t => Math.Pow(t.c.X - 407_000, 2) + Math.Pow(t.c.Y - 303_000, 2)).i;
        var value = result.GiStar.Values[centre];
        Assert.True(value.Z > 0);
        Assert.True(value.PAdjusted < 0.05, $"cluster cell FDR p = {value.PAdjusted}");
        Assert.True(value.Class >= HotspotClass.Hot95);

        // FDR control: few of the significant hot cells are false discoveries in the uniform background.
        var hot = result.Grid.Cells.Where((c, i) => result.GiStar.Values[i].Class >= HotspotClass.Hot95).ToList();
        int far = hot.Count(c => Math.Sqrt(Math.Pow(c.X - 407_000, 2) + Math.Pow(c.Y - 303_000, 2)) > 500);
        Assert.True(hot.Count >= 10, $"{hot.Count} hot cells");
        Assert.True(far <= 0.1 * hot.Count, $"{far} of {hot.Count} hot cells are away from the cluster");
    }

    [Fact]
    public void Automatic_settings_are_sfhotspots_cell_size_and_queen_neighbour_band()
    {
        var points = UniformWithCluster(seed: 3, background: 500, cluster: 0, cx: 0, cy: 0);
        var result = HotspotGiStar.Find(points);
        Assert.Equal(GridCounter.DefaultCellSize(Extent.Of(points)), result.Grid.Parameters.CellSize);
        Assert.True(result.Parameters.NeighbourDistanceAutomatic);
        Assert.Equal(result.Grid.Parameters.CellSize * Math.Sqrt(2), result.Parameters.NeighbourDistance, 9);
        Assert.True(result.GiStar.Parameters.Weights.IncludesSelf);
    }
}
