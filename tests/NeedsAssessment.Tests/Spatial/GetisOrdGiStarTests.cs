using MathNet.Numerics.Distributions;
using NeedsAssessment.Spatial;

namespace NeedsAssessment.Tests.Spatial;

public class GetisOrdGiStarTests
{
    // 5 x 5 counts, row 0 at the south; index = row * 5 + column.
    private static readonly double[] Counts5 =
    [
        1, 0, 2, 1, 0,
        0, 3, 4, 2, 1,
        1, 5, 9, 6, 0,
        2, 4, 7, 3, 1,
        0, 1, 2, 0, 1,
    ];

    private static double GiStarByHand(double[] x, int[] neighbourhoodIncludingSelf)
    {
        // Ord & Getis (1995) eq. 14 with binary weights: W_i = |N_i|, S1_i = |N_i|.
        int n = x.Length;
        double mean = x.Average();
        double s = Math.Sqrt(x.Sum(v => v * v) / n - mean * mean);
        double wi = neighbourhoodIncludingSelf.Length, s1 = neighbourhoodIncludingSelf.Length;
        double local = neighbourhoodIncludingSelf.Sum(j => x[j]);
        return (local - mean * wi) / (s * Math.Sqrt((n * s1 - wi * wi) / (n - 1)));
    }

    [Fact]
    public void Centre_of_a_5x5_grid_with_queen_neighbours_matches_the_formula_by_hand()
    {
        var w = SpatialWeights.DistanceBand(SpatialWeightsTests.GridCentres(5), 100 * Math.Sqrt(2), includeSelf: true);
        var gi = GetisOrdGiStar.Compute(Counts5, w);

        // Centre cell 12 and its 8 queen neighbours: rows 1-3, columns 1-3.
        double expected = GiStarByHand(Counts5, [6, 7, 8, 11, 12, 13, 16, 17, 18]);
        Assert.Equal(expected, gi.Values[12].Z, 10);
        Assert.Equal(2 * (1 - Normal.CDF(0, 1, Math.Abs(expected))), gi.Values[12].P, 10);
    }

    [Fact]
    public void Corner_of_a_grid_uses_its_three_neighbours_and_itself()
    {
        var w = SpatialWeights.DistanceBand(SpatialWeightsTests.GridCentres(5), 100 * Math.Sqrt(2), includeSelf: true);
        var gi = GetisOrdGiStar.Compute(Counts5, w);
        Assert.Equal(GiStarByHand(Counts5, [0, 1, 5, 6]), gi.Values[0].Z, 10);
        Assert.Equal(GiStarByHand(Counts5, [18, 19, 23, 24]), gi.Values[24].Z, 10);
    }

    [Fact]
    public void Centre_of_a_3x3_grid_with_rook_neighbours_matches_the_formula_by_hand()
    {
        double[] x = [1, 2, 3, 4, 10, 6, 7, 8, 9];
        var w = SpatialWeights.DistanceBand(SpatialWeightsTests.GridCentres(3), 100, includeSelf: true);
        var gi = GetisOrdGiStar.Compute(x, w, PAdjustMethod.None);
        // mean = 50/9; S = sqrt(360/9 - (50/9)^2); centre + rook neighbours 2, 4, 6, 8 -> sum 30, W = S1 = 5.
        double mean = 50.0 / 9, s = Math.Sqrt(360.0 / 9 - mean * mean);
        double expected = (30 - mean * 5) / (s * Math.Sqrt((9 * 5 - 25) / 8.0));
        Assert.Equal(expected, gi.Values[4].Z, 10);
        Assert.Equal(gi.Values[4].P, gi.Values[4].PAdjusted);
    }

    [Fact]
    public void Adjusted_p_is_the_benjamini_hochberg_adjustment_of_the_raw_p()
    {
        var w = SpatialWeights.DistanceBand(SpatialWeightsTests.GridCentres(5), 100 * Math.Sqrt(2), includeSelf: true);
        var gi = GetisOrdGiStar.Compute(Counts5, w);
        var expected = NeedsAssessment.Statistics.BenjaminiHochberg.Adjust(gi.Values.Select(v => v.P).ToArray());
        for (int i = 0; i < 25; i++) Assert.Equal(expected[i], gi.Values[i].PAdjusted, 14);
        Assert.Equal(PAdjustMethod.BenjaminiHochberg, gi.Parameters.PAdjust);
    }

    [Theory]
    [InlineData(3.0, 0.005, HotspotClass.Hot99)]
    [InlineData(2.0, 0.03, HotspotClass.Hot95)]
    [InlineData(1.7, 0.07, HotspotClass.Hot90)]
    [InlineData(1.0, 0.30, HotspotClass.None)]
    [InlineData(-2.0, 0.04, HotspotClass.Cold95)]
    [InlineData(-3.0, 0.001, HotspotClass.Cold99)]
    [InlineData(-1.7, 0.09, HotspotClass.Cold90)]
    public void Classes_follow_the_sign_and_the_99_95_90_confidence_thresholds(double z, double p, HotspotClass expected)
    {
        Assert.Equal(expected, GetisOrdGiStar.Classify(z, p));
    }

    [Fact]
    public void Constant_values_give_undefined_statistics_and_no_hotspots()
    {
        var w = SpatialWeights.DistanceBand(SpatialWeightsTests.GridCentres(3), 150, includeSelf: true);
        var gi = GetisOrdGiStar.Compute(Enumerable.Repeat(4.0, 9).ToArray(), w);
        Assert.All(gi.Values, v => { Assert.True(double.IsNaN(v.Z)); Assert.Equal(HotspotClass.None, v.Class); });
    }

    [Fact]
    public void Weights_without_self_neighbours_are_rejected()
    {
        var w = SpatialWeights.DistanceBand(SpatialWeightsTests.GridCentres(3), 150);
        Assert.Throws<ArgumentException>(() => GetisOrdGiStar.Compute(new double[9], w));
    }
}
