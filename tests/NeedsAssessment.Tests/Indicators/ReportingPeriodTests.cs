using NeedsAssessment.Indicators;

namespace NeedsAssessment.Tests.Indicators;

/// <summary>Period boundaries: financial years April to March, rolling 12 months, quarters, pooled years.</summary>
public sealed class ReportingPeriodTests
{
    private static List<ReportingPeriod> Build(string first, string last, string type, bool partial = false, bool every = false) =>
        ReportingPeriods.Build(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture), [type], partial, every).ToList();

    [Theory]
    [InlineData("2023-03-15", "2022-04-01")]
    [InlineData("2023-03-31", "2022-04-01")]
    [InlineData("2023-04-01", "2023-04-01")]
    [InlineData("2024-01-10", "2023-04-01")]
    [InlineData("2024-03-31", "2023-04-01")]
    public void Financial_year_starts_on_the_first_of_april(string date, string expectedStart)
    {
        Assert.Equal(DateOnly.Parse(expectedStart, System.Globalization.CultureInfo.InvariantCulture),
            ReportingPeriods.FinancialYearStart(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Financial_years_run_april_to_march_and_only_whole_years_are_kept()
    {
        var fy = Build("2022-01-01", "2024-06-01", PeriodTypes.FinancialYear);
        Assert.Equal(
            [new ReportingPeriod("financial_year", new(2022, 4, 1), new(2023, 3, 31)), new ReportingPeriod("financial_year", new(2023, 4, 1), new(2024, 3, 31))],
            fy);
        Assert.All(fy, p => Assert.Equal(12, p.Months));
    }

    [Fact]
    public void Partial_financial_years_are_kept_when_asked()
    {
        var fy = Build("2022-01-01", "2024-06-01", PeriodTypes.FinancialYear, partial: true);
        Assert.Equal([new DateOnly(2021, 4, 1), new(2022, 4, 1), new(2023, 4, 1), new(2024, 4, 1)], fy.Select(p => p.Start));
    }

    [Fact]
    public void Rolling_twelve_months_end_with_the_last_month_of_data()
    {
        var r = Assert.Single(Build("2021-02-01", "2024-06-01", PeriodTypes.Rolling12Months));
        Assert.Equal(new DateOnly(2023, 7, 1), r.Start);
        Assert.Equal(new DateOnly(2024, 6, 30), r.End);
        Assert.Equal(1.0, r.Years);
    }

    [Fact]
    public void Rolling_twelve_months_every_month_needs_twelve_months_of_data_first()
    {
        var r = Build("2023-01-01", "2024-03-01", PeriodTypes.Rolling12Months, every: true);
        Assert.Equal([new DateOnly(2023, 1, 1), new(2023, 2, 1), new(2023, 3, 1), new(2023, 4, 1)], r.Select(p => p.Start));
        Assert.Equal(new DateOnly(2024, 3, 31), r[^1].End);
    }

    [Fact]
    public void Quarters_are_calendar_quarters_inside_the_data()
    {
        var q = Build("2023-02-01", "2023-12-01", PeriodTypes.Quarter);
        Assert.Equal([new DateOnly(2023, 4, 1), new(2023, 7, 1), new(2023, 10, 1)], q.Select(p => p.Start));
        Assert.Equal(new DateOnly(2023, 6, 30), q[0].End);
    }

    [Fact]
    public void Pooled_three_years_are_consecutive_financial_years()
    {
        var p = Build("2020-04-01", "2024-03-01", PeriodTypes.Pooled3FinancialYears);
        Assert.Equal([(new DateOnly(2020, 4, 1), new DateOnly(2023, 3, 31)), (new(2021, 4, 1), new(2024, 3, 31))], p.Select(x => (x.Start, x.End)));
        Assert.All(p, x => Assert.Equal(3.0, x.Years));
    }

    [Fact]
    public void March_events_belong_to_the_financial_year_that_started_the_april_before()
    {
        using var f = new IndicatorFixture();
        IndicatorEngine.Compute(f.Store, new IndicatorOptions { IndicatorIds = ["sv_rate"], Levels = [IndicatorLevels.Partnership], PeriodTypes = [PeriodTypes.FinancialYear, PeriodTypes.Month] });
        var fy = Assert.Single(IndicatorValue.Read(f.Store, new IndicatorFilter { PeriodType = PeriodTypes.FinancialYear }));
        Assert.Equal((new DateOnly(2023, 4, 1), new DateOnly(2024, 3, 31)), (fy.PeriodStart, fy.PeriodEnd));
        var months = IndicatorValue.Read(f.Store, new IndicatorFilter { PeriodType = PeriodTypes.Month });
        Assert.Equal(fy.Count, months.Where(m => m.PeriodStart >= fy.PeriodStart && m.PeriodEnd <= fy.PeriodEnd).Sum(m => m.Count));
        Assert.Equal(1, months.Single(m => m.PeriodStart == new DateOnly(2024, 3, 1)).Count);
        Assert.Equal(1, months.Single(m => m.PeriodStart == new DateOnly(2023, 3, 1)).Count);
        // A monthly rate is per person-year: 1 event in 5000 people over 1/12 year.
        IndicatorTestHelpers.Near(1 / (5000.0 / 12) * 1000, months.Single(m => m.PeriodStart == new DateOnly(2024, 3, 1)).Value, 1e-9, "annualised monthly rate");
    }
}
