using NeedsAssessment.Statistics;

namespace NeedsAssessment.Tests.Statistics;

public class GiniCoefficientTests
{
    // Mean absolute difference definition: G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² mean), written independently of the Lorenz curve.
    private static double MeanAbsoluteDifferenceGini(double[] x)
    {
        double sum = 0;
        foreach (var a in x)
        {
            foreach (var b in x)
            {
                sum += Math.Abs(a - b);
            }
        }

        return sum / (2.0 * x.Length * x.Length * x.Average());
    }

    [Fact]
    public void Gini_is_zero_when_all_areas_have_equal_counts()
    {
        var g = GiniCoefficient.Calculate([7, 7, 7, 7, 7]);
        ReferenceMath.Near(0, g.Gini, 1e-12);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(10)]
    public void Gini_is_n_minus_one_over_n_when_one_area_has_everything(int n)
    {
        var counts = new double[n];
        counts[n / 2] = 42;
        var g = GiniCoefficient.Calculate(counts);
        ReferenceMath.Near((n - 1.0) / n, g.Gini, 1e-12);
    }

    [Fact]
    public void Unweighted_gini_equals_the_mean_absolute_difference_definition()
    {
        double[] x = [3, 0, 12, 5, 5, 40, 1];
        var g = GiniCoefficient.Calculate(x);
        ReferenceMath.Near(MeanAbsoluteDifferenceGini(x), g.Gini, 1e-12);
    }

    [Fact]
    public void Population_weighted_gini_is_zero_when_counts_are_proportional_to_population()
    {
        var g = GiniCoefficient.Calculate([10, 20, 70], [1000, 2000, 7000]);
        ReferenceMath.Near(0, g.Gini, 1e-12);
    }

    [Fact]
    public void Population_weighted_gini_equals_unweighted_gini_on_expanded_unit_areas()
    {
        // An area of population 3 with 6 events is three unit areas with 2 events each.
        var weighted = GiniCoefficient.Calculate([6, 1, 8], [3, 1, 2]);
        var expanded = GiniCoefficient.Calculate([2, 2, 2, 1, 4, 4]);
        ReferenceMath.Near(expanded.Gini, weighted.Gini, 1e-12);
    }

    [Fact]
    public void Lorenz_curve_runs_from_origin_to_one_one_ordered_by_rate()
    {
        var g = GiniCoefficient.Calculate([30, 10, 60]);
        Assert.Equal(new LorenzPoint(0, 0), g.Lorenz[0]);
        Assert.Equal(new LorenzPoint(1, 1), g.Lorenz[^1]);
        ReferenceMath.Near(1.0 / 3, g.Lorenz[1].CumulativePopulationShare, 1e-12);
        ReferenceMath.Near(0.1, g.Lorenz[1].CumulativeCountShare, 1e-12);
        ReferenceMath.Near(0.4, g.Lorenz[2].CumulativeCountShare, 1e-12);
    }

    [Fact]
    public void All_zero_counts_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => GiniCoefficient.Calculate([0, 0]));
        Assert.Equal("counts", ex.ParamName);
    }
}
