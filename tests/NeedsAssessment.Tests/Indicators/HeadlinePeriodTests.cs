using NeedsAssessment.Indicators;

namespace NeedsAssessment.Tests.Indicators;

public sealed class HeadlinePeriodTests
{
    private static ReportingPeriod P(string type, string start, string end) => new(type, DateOnly.Parse(start), DateOnly.Parse(end));

    [Fact]
    public void A_rolling_12_months_is_the_headline_when_the_indicator_stage_computed_one()
    {
        var h = HeadlinePeriod.Choose([P("financial_year", "2023-04-01", "2024-03-31"), P("rolling_12_months", "2023-05-01", "2024-04-30"), P("quarter", "2024-01-01", "2024-03-31")]);
        Assert.Equal(P("rolling_12_months", "2023-05-01", "2024-04-30"), h);
    }

    [Fact]
    public void With_four_months_of_data_the_latest_complete_quarter_is_the_headline()
    {
        // The real North Yorkshire files: 2018-10 and 2024-01..04; no complete rolling 12 months or financial year.
        var h = HeadlinePeriod.Choose([P("month", "2018-10-01", "2018-10-31"), P("month", "2024-04-01", "2024-04-30"), P("quarter", "2024-01-01", "2024-03-31")]);
        Assert.Equal(P("quarter", "2024-01-01", "2024-03-31"), h);
        Assert.Equal(P("quarter", "2023-10-01", "2023-12-31"), HeadlinePeriod.Previous(h!));
    }

    [Fact]
    public void Pooled_and_cohort_periods_are_never_the_headline()
    {
        Assert.Null(HeadlinePeriod.Choose([P("pooled_3_financial_years", "2021-04-01", "2024-03-31"), P("cohort_period", "2023-04-01", "2024-03-31")]));
    }
}
