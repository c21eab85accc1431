using NeedsAssessment.Spatial;

namespace NeedsAssessment.Tests.Spatial;

/// <summary>The hot spot stage's main period when none is given: the latest year, never across months without data.</summary>
public class HotspotDefaultPeriodTests
{
    private static int M(int year, int month) => MonthPeriod.Index(new DateOnly(year, month, 1));

    [Fact]
    public void Five_unbroken_years_give_the_latest_twelve_months()
    {
        var months = Enumerable.Range(M(2019, 5), 60).ToHashSet();
        Assert.Equal(MonthPeriod.Parse("2023-05:2024-04"), HotspotAnalysis.LatestCoveredYear(months));
    }

    [Fact]
    public void A_lone_old_month_and_four_recent_months_give_the_four_months_not_a_year_of_mostly_nothing()
    {
        // The shared North Yorkshire police.uk files: October 2018, then January to April 2024.
        var months = new HashSet<int> { M(2018, 10), M(2024, 1), M(2024, 2), M(2024, 3), M(2024, 4) };
        Assert.Equal(MonthPeriod.Parse("2024-01:2024-04"), HotspotAnalysis.LatestCoveredYear(months));
    }

    [Fact]
    public void A_missing_month_inside_the_year_cuts_the_period_after_it()
    {
        var months = Enumerable.Range(M(2023, 1), 16).Where(m => m != M(2023, 9)).ToHashSet();
        Assert.Equal(MonthPeriod.Parse("2023-10:2024-04"), HotspotAnalysis.LatestCoveredYear(months));
    }

    [Fact]
    public void A_single_month_of_data_is_a_one_month_period()
    {
        Assert.Equal(MonthPeriod.Parse("2024-04:2024-04"), HotspotAnalysis.LatestCoveredYear(new HashSet<int> { M(2024, 4) }));
    }
}
