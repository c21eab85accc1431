using NeedsAssessment.Modelling;
using NeedsAssessment.Statistics;

namespace NeedsAssessment.Tests.Modelling;

public class AdjustedRandIndexTests
{
    [Fact]
    public void HandWorkedContingencyTable_GivesEightThirtyThirds()
    {
        // a = 000111, b = 001122: table [[2,1,0],[0,1,2]]. Σ C(nᵢⱼ,2) = 1 + 1 = 2; rows 3,3 → 3 + 3 = 6;
        // columns 2,2,2 → 3; C(6,2) = 15; expected = 6·3/15 = 1.2; max = (6 + 3)/2 = 4.5;
        // ARI = (2 − 1.2)/(4.5 − 1.2) = 0.8/3.3 = 8/33.
        Assert.Equal(8.0 / 33, AdjustedRandIndex.FromContingency(new long[,] { { 2, 1, 0 }, { 0, 1, 2 } }), 12);
        Assert.Equal(8.0 / 33, AdjustedRandIndex.Compute([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]), 12);
    }

    [Fact]
    public void SamePartitionUnderDifferentLabels_IsOne()
    {
        Assert.Equal(1, AdjustedRandIndex.Compute([1, 1, 2, 2, 3], [7, 7, 5, 5, 9]), 12);
    }

    [Fact]
    public void IsSymmetric()
    {
        int[] a = [0, 0, 1, 1, 1, 2, 2, 0], b = [1, 0, 1, 1, 2, 2, 2, 0];
        Assert.Equal(AdjustedRandIndex.Compute(a, b), AdjustedRandIndex.Compute(b, a), 12);
    }

    [Fact]
    public void Silhouette_OfTwoTightPairs_MatchesHandValue()
    {
        // Points 0, 1 | 10, 11 on a line. Point 0: a = 1, b = (10 + 11)/2 = 10.5, s = 9.5/10.5; point 1: a = 1,
        // b = (9 + 10)/2 = 9.5, s = 8.5/9.5; the other pair mirrors these.
        double[][] pts = [[0], [1], [10], [11]];
        var expected = (9.5 / 10.5 + 8.5 / 9.5) / 2;
        Assert.Equal(expected, AreaTypology.Silhouette(pts, [0, 0, 1, 1]), 12);
    }

    [Fact]
    public void Profile_NamesTheLargestDeviationsFirst_AndAverageWhenNoneStandOut()
    {
        Assert.Equal("night-time economy, young victims, affluent",
            AreaTypology.Describe([0.4, 0.2, 2.5, 1.1, 0, -0.1, -0.9]));
        Assert.Equal("close to the county average", AreaTypology.Describe([0.1, -0.2, 0.3, 0, 0, 0.49, -0.4]));
    }
}
