using NeedsAssessment.Spatial;

namespace NeedsAssessment.Tests.Spatial;

public class LocalMoranTests
{
    // A path 0-1-2-3-4 plus a chord 0-2 so that units differ in their number of neighbours.
    private static readonly int[][] Links = [[1, 2], [0, 2], [0, 1, 3], [2, 4], [3]];
    private static readonly double[] X = [1, 2, 3, 8, 6];

    private static (double[] z, double m2) Centre(double[] x)
    {
        double mean = x.Average();
        var z = x.Select(v => v - mean).ToArray();
        return (z, z.Sum(v => v * v) / x.Length);
    }

    [Fact]
    public void Local_I_is_the_scaled_deviation_times_the_lag_of_deviations()
    {
        var (z, m2) = Centre(X);
        var result = LocalMoran.Compute(X, SpatialWeights.FromNeighbours(Links));
        // Anselin (1995) eq. 12 with m2 = sum z^2 / n.
        Assert.Equal(z[2] / m2 * (z[0] + z[1] + z[3]), result.Values[2].I, 12);
        Assert.Equal(z[4] / m2 * z[3], result.Values[4].I, 12);
    }

    [Fact]
    public void Total_randomisation_moments_match_the_hand_formula()
    {
        var (z, m2) = Centre(X);
        int n = 5;
        double b2 = z.Sum(v => Math.Pow(v, 4)) / n / (m2 * m2);
        var result = LocalMoran.Compute(X, SpatialWeights.FromNeighbours(Links), conditional: false);
        // Unit 2: binary weights, W_i = S1_i = 3. Sokal et al. (1998) A3, A4 as spdep::localmoran.
        double e = -3.0 / (n - 1);
        double a = (n - b2) / (n - 1), b = (2 * b2 - n) / ((n - 1.0) * (n - 2));
        double v = a * 3 + b * (9 - 3) - e * e;
        Assert.Equal(e, result.Values[2].Expected, 12);
        Assert.Equal(v, result.Values[2].Variance, 12);
        Assert.Equal((result.Values[2].I - e) / Math.Sqrt(v), result.Values[2].Z, 12);
    }

    [Fact]
    public void Total_randomisation_moments_equal_the_exact_moments_over_all_permutations()
    {
        var (z, m2) = Centre(X);
        var w = SpatialWeights.FromNeighbours(Links);
        var result = LocalMoran.Compute(X, w, conditional: false);
        foreach (int i in new[] { 2, 4 })
        {
            var samples = Permutations([0, 1, 2, 3, 4]).Select(p => z[p[i]] / m2 * Links[i].Sum(j => z[p[j]])).ToArray();
            double mean = samples.Average(), variance = samples.Sum(s => (s - mean) * (s - mean)) / samples.Length;
            Assert.Equal(mean, result.Values[i].Expected, 10);
            Assert.Equal(variance, result.Values[i].Variance, 10);
        }
    }

    [Fact]
    public void Conditional_moments_equal_the_exact_moments_over_all_neighbour_draws_with_the_unit_held_fixed()
    {
        var (z, m2) = Centre(X);
        var w = SpatialWeights.FromNeighbours(Links);
        var result = LocalMoran.Compute(X, w, conditional: true);
        foreach (int i in new[] { 2, 4 })
        {
            // Holding z_i fixed, its neighbours take every ordered draw without replacement from the other n - 1 values.
            var others = Enumerable.Range(0, 5).Where(j => j != i).ToArray();
            var samples = Permutations(others).Select(p => z[i] / m2 * p.Take(Links[i].Length).Sum(j => z[j])).ToArray();
            double mean = samples.Average(), variance = samples.Sum(s => (s - mean) * (s - mean)) / samples.Length;
            Assert.Equal(mean, result.Values[i].Expected, 10);
            Assert.Equal(variance, result.Values[i].Variance, 10);
            // And the closed form of Sokal et al. (1998) A7.
            Assert.Equal(-(z[i] * z[i] * Links[i].Length) / (4 * m2), result.Values[i].Expected, 12);
        }
    }

    [Fact]
    public void Permutation_pseudo_p_is_folded_rank_plus_one_over_permutations_plus_one_and_reproducible()
    {
        var w = SpatialWeights.FromNeighbours(Links);
        var a = LocalMoran.Compute(X, w, permutations: 999, seed: 7);
        var b = LocalMoran.Compute(X, w, permutations: 999, seed: 7);
        Assert.Equal(a.Values.Select(v => v.PseudoP), b.Values.Select(v => v.PseudoP));
        Assert.All(a.Values, v =>
        {
            Assert.InRange(v.PseudoP!.Value, 1.0 / 1000, 0.5 + 1.0 / 1000);
            Assert.Equal(0, (v.PseudoP.Value * 1000) % 1, 9); // an integer count over R + 1
        });
        Assert.Equal(7, a.Parameters.Seed);
    }

    [Fact]
    public void Quadrants_label_significant_units_by_sign_of_value_and_lag()
    {
        // A 6x6 grid with a high 3x3 block in the north-east, a low one in the south-west, and the mean elsewhere.
        var x = new double[36];
        for (int r = 0; r < 6; r++) for (int c = 0; c < 6; c++) x[r * 6 + c] = r >= 3 && c >= 3 ? 10 : r < 3 && c < 3 ? 0 : 5;
        var w = SpatialWeights.DistanceBand(SpatialWeightsTests.GridCentres(6), 100 * Math.Sqrt(2), style: WeightsStyle.RowStandardised);
        var result = LocalMoran.Compute(x, w, significance: 0.05);
        Assert.Equal(MoranQuadrant.HighHigh, result.Values[5 * 6 + 5].Quadrant);
        Assert.Equal(MoranQuadrant.LowLow, result.Values[0].Quadrant);
        Assert.Equal(MoranQuadrant.NotSignificant, result.Values[5].Quadrant); // at the mean: I = 0, variance 0
        Assert.All(result.Values.Where(v => v.P >= 0.05), v => Assert.Equal(MoranQuadrant.NotSignificant, v.Quadrant));
    }

    [Fact]
    public void Weights_that_include_self_are_rejected()
    {
        var w = SpatialWeights.DistanceBand(SpatialWeightsTests.GridCentres(3), 100, includeSelf: true);
        Assert.Throws<ArgumentException>(() => LocalMoran.Compute(new double[9], w));
    }

    internal static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1) { yield return items; yield break; }
        for (int k = 0; k < items.Length; k++)
        {
            var rest = items.Where((_, i) => i != k).ToArray();
            foreach (var tail in Permutations(rest)) yield return [items[k], .. tail];
        }
    }
}
