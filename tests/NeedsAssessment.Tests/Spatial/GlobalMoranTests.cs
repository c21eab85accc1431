using NeedsAssessment.Spatial;

namespace NeedsAssessment.Tests.Spatial;

public class GlobalMoranTests
{
    [Fact]
    public void Checkerboard_with_rook_weights_has_moran_I_of_minus_one()
    {
        var x = new double[16];
        for (int r = 0; r < 4; r++) for (int c = 0; c < 4; c++) x[r * 4 + c] = (r + c) % 2;
        var w = SpatialWeights.DistanceBand(SpatialWeightsTests.GridCentres(4), 100);
        var result = GlobalMoran.Compute(x, w);
        Assert.Equal(-1.0, result.I, 12);
        Assert.Equal(-1.0 / 15, result.Expected, 12);
    }

    [Fact]
    public void Weight_constants_and_normality_variance_match_hand_counts_on_a_4x4_rook_lattice()
    {
        var w = SpatialWeights.DistanceBand(SpatialWeightsTests.GridCentres(4), 100);
        var x = Enumerable.Range(0, 16).Select(i => (double)(i * 7 % 11)).ToArray();
        var result = GlobalMoran.Compute(x, w);
        // 24 undirected rook links; degrees: 4 corners of 2, 8 edges of 3, 4 interior of 4.
        Assert.Equal(48, result.S0);
        Assert.Equal(96, result.S1);
        Assert.Equal(4 * (4 * 4 + 8 * 9 + 4 * 16), result.S2);
        double n = 16, e = -1 / 15.0;
        double varN = (n * n * 96 - n * 608 + 3 * 48.0 * 48) / ((n * n - 1) * 48.0 * 48) - e * e;
        Assert.Equal(varN, result.VarianceNormality, 12);
    }

    [Fact]
    public void Randomisation_moments_equal_the_exact_moments_over_all_permutations()
    {
        // Irregular asymmetric k-nearest weights on six points: the randomisation variance uses S1 and S2 of non-symmetric W.
        var points = new SpatialPoint[] { new(0, 0), new(10, 0), new(25, 5), new(3, 18), new(30, 30), new(12, 40) };
        var w = SpatialWeights.KNearest(points, 2);
        double[] x = [3, 7, 1, 9, 4, 4];
        var result = GlobalMoran.Compute(x, w);

        double mean = x.Average();
        var z = x.Select(v => v - mean).ToArray();
        double sz2 = z.Sum(v => v * v);
        var samples = LocalMoranTests.Permutations([0, 1, 2, 3, 4, 5]).Select(p =>
        {
            double cross = 0;
            for (int i = 0; i < 6; i++) foreach (int j in w.NeighboursOf(i)) cross += z[p[i]] * z[p[j]];
            return 6 / result.S0 * cross / sz2;
        }).ToArray();
        double em = samples.Average(), vm = samples.Sum(s => (s - em) * (s - em)) / samples.Length;
        Assert.Equal(em, result.Expected, 10);
        Assert.Equal(vm, result.VarianceRandomisation, 10);
    }

    [Fact]
    public void Smooth_gradient_has_significant_positive_autocorrelation()
    {
        var x = new double[100];
        for (int r = 0; r < 10; r++) for (int c = 0; c < 10; c++) x[r * 10 + c] = r + c;
        var w = SpatialWeights.DistanceBand(SpatialWeightsTests.GridCentres(10), 100, style: WeightsStyle.RowStandardised);
        var result = GlobalMoran.Compute(x, w, Alternative.Greater);
        Assert.True(result.I > 0.8);
        Assert.True(result.PRandomisation < 1e-6);
        Assert.True(result.PNormality < 1e-6);
    }
}
