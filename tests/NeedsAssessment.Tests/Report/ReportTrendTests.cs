using NeedsAssessment.Descriptives;
using NeedsAssessment.Report;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Report;

public sealed class ReportTrendTests
{
    private static MonthlyCount Month(int year, int month, bool data) =>
        new(new DateOnly(year, month, 1), data, data ? 10 : null, null, null, false);

    [Fact]
    public void The_trend_starts_after_the_last_gap_of_more_than_a_year_without_data()
    {
        var monthly = new List<MonthlyCount> { Month(2018, 10, true) };
        for (var d = new DateOnly(2018, 11, 1); d < new DateOnly(2024, 1, 1); d = d.AddMonths(1)) monthly.Add(Month(d.Year, d.Month, false));
        monthly.AddRange([Month(2024, 1, true), Month(2024, 2, true), Month(2024, 3, false), Month(2024, 4, true)]);

        var shown = ReportCharts.TrendMonths(monthly);

        Assert.Equal([new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 1), new DateOnly(2024, 3, 1), new DateOnly(2024, 4, 1)], shown.Select(m => m.Month));
    }

    [Fact]
    public void A_gap_of_a_year_or_less_keeps_every_month()
    {
        var monthly = new List<MonthlyCount> { Month(2023, 1, true) };
        for (int m = 2; m <= 12; m++) monthly.Add(Month(2023, m, false));
        monthly.Add(Month(2024, 1, false));
        monthly.Add(Month(2024, 2, true));
        Assert.Equal(monthly.Count, ReportCharts.TrendMonths(monthly).Count);
    }
}

[Collection(RealExampleCollection.Name)]
public sealed class RealExampleTrendTests(RealExampleFixture fixture)
{
    [Fact]
    public void No_seasonal_pattern_is_given_where_no_calendar_month_has_two_years_of_data_and_the_trend_leaves_out_the_lone_2018_month()
    {
        using var store = AssessmentStore.Open(fixture.Run.StorePath, readOnly: true);
        var monthly = DescriptiveResults.Read(store).Monthly;
        Assert.Contains(monthly, m => m.HasData && m.Month.Year == 2018);
        Assert.All(monthly, m => Assert.Null(m.SeasonalMean));
        var html = File.ReadAllText(Path.Combine(fixture.Run.OutputFolder, AssessmentReport.FileName));
        Assert.Contains("Period: January 2024 to April 2024 (earlier months, from Oct 2018, are left out", html, StringComparison.Ordinal);
    }
}
