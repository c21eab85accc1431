using NeedsAssessment.Spatial;

namespace NeedsAssessment.Tests.Spatial;

public class KernelDensityTests
{
    [Fact]
    public void Quartic_kernel_follows_its_formula_and_is_zero_beyond_the_bandwidth()
    {
        double h = 200, d = 70;
        Assert.Equal(3 / (Math.PI * h * h) * Math.Pow(1 - d * d / (h * h), 2), KernelDensity.Quartic(d, h), 15);
        Assert.Equal(3 / (Math.PI * h * h), KernelDensity.Quartic(0, h), 15);
        Assert.Equal(0.0, KernelDensity.Quartic(200, h));
        Assert.Equal(0.0, KernelDensity.Quartic(250, h));
    }

    [Fact]
    public void Density_of_one_point_at_a_cell_centre_is_the_kernel_value_per_square_km()
    {
        var result = KernelDensity.Estimate([new SpatialPoint(0, 0)], cellSize: 100, bandwidth: 200, extent: new Extent(-500, -500, 500, 500));
        var cell = result.Cells.Single(c => c.Id == "c5_5"); // centre (50, 50)
        double d2 = 50 * 50 + 50 * 50, h2 = 200 * 200;
        Assert.Equal(3 / (Math.PI * h2) * Math.Pow(1 - d2 / h2, 2) * 1e6, cell.Density, 9);
        Assert.Equal(0.0, result.Cells.Single(c => c.Id == "c9_9").Density); // centre (450, 450) is beyond h
    }

    [Fact]
    public void Density_integrates_to_the_number_of_events_away_from_the_edges()
    {
        var random = new Random(99);
        var points = Enumerable.Range(0, 50).Select(_ => new SpatialPoint(4_000 + random.NextDouble() * 2_000, 4_000 + random.NextDouble() * 2_000)).ToArray();
        var result = KernelDensity.Estimate(points, cellSize: 20, bandwidth: 500, extent: new Extent(0, 0, 10_000, 10_000));
        double cellKm2 = 0.02 * 0.02;
        Assert.Equal(50.0, result.Cells.Sum(c => c.Density) * cellKm2, 0.5);
    }

    [Fact]
    public void Weighted_density_scales_with_the_weights()
    {
        var points = new SpatialPoint[] { new(100, 100), new(300, 300) };
        var plain = KernelDensity.Estimate(points, cellSize: 50, bandwidth: 300, extent: new Extent(0, 0, 400, 400));
        var weighted = KernelDensity.Estimate(points, cellSize: 50, bandwidth: 300, extent: new Extent(0, 0, 400, 400), weights: [3.0, 3.0]);
        for (int k = 0; k < plain.Cells.Length; k++) Assert.Equal(3 * plain.Cells[k].Density, weighted.Cells[k].Density, 9);
    }

    [Fact]
    public void Automatic_bandwidth_is_the_mean_of_the_x_and_y_normal_reference_rules()
    {
        // x = 0, 100, ..., 900; y = 2x. For x: sd = 100 sqrt(55/6); type-7 quartiles 225 and 675, IQR/1.34 = 335.8 > sd.
        var points = Enumerable.Range(0, 10).Select(i => new SpatialPoint(100.0 * i, 200.0 * i)).ToArray();
        double sdX = 100 * Math.Sqrt(55.0 / 6);
        double nrdX = 4 * 1.06 * Math.Min(sdX, 450 / 1.34) * Math.Pow(10, -0.2);
        Assert.Equal(1.5 * nrdX, KernelDensity.DefaultBandwidth(points), 9);

        var result = KernelDensity.Estimate(points, bandwidthAdjust: 0.5);
        Assert.True(result.Parameters.BandwidthAutomatic);
        Assert.Equal(0.75 * nrdX, result.Parameters.Bandwidth, 9);
        Assert.Equal("quartic", result.Parameters.Kernel);
    }
}
