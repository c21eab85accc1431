using NeedsAssessment.Statistics;

namespace NeedsAssessment.Tests.Statistics;

public class BenjaminiHochbergTests
{
    [Fact]
    public void Adjusts_a_hand_worked_list_by_rank_and_step_up_minimum()
    {
        // m = 5; sorted p: .005 (k=1), .01 (2), .03 (3), .04 (4), .20 (5); m*p/k = .025, .025, .05, .05, .20;
        // running minimum from the largest rank down leaves them unchanged.
        var adjusted = BenjaminiHochberg.Adjust([0.01, 0.04, 0.03, 0.005, 0.20]);
        Assert.Equal([0.025, 0.05, 0.05, 0.025, 0.20], adjusted, new ToleranceComparer(1e-12));
    }

    [Fact]
    public void Step_up_minimum_pulls_a_smaller_p_down_to_a_later_ranks_value()
    {
        // m = 2: 0.02*2/1 = 0.04 but the rank-2 value 0.021*2/2 = 0.021 is smaller, so both become 0.021.
        Assert.Equal([0.021, 0.021], BenjaminiHochberg.Adjust([0.02, 0.021]), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void Caps_adjusted_values_at_one()
    {
        // m = 2: 0.8*2/1 = 1.6 capped to 1, then the running minimum with 0.9*2/2 = 0.9 gives 0.9.
        Assert.Equal([0.9, 0.9], BenjaminiHochberg.Adjust([0.9, 0.8]), new ToleranceComparer(1e-12));
        Assert.Equal([1.0, 1.0], BenjaminiHochberg.Adjust([1.0, 1.0]), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void Leaves_NaN_in_place_and_excludes_it_from_the_count_of_tests()
    {
        var adjusted = BenjaminiHochberg.Adjust([double.NaN, 0.02, 0.04]);
        Assert.True(double.IsNaN(adjusted[0]));
        // m = 2, not 3: 0.02*2/1 = 0.04 and 0.04*2/2 = 0.04.
        Assert.Equal(0.04, adjusted[1], 12);
        Assert.Equal(0.04, adjusted[2], 12);
    }

    [Fact]
    public void Rejects_p_values_outside_the_unit_interval()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BenjaminiHochberg.Adjust([0.5, 1.5]));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
