using NeedsAssessment.Report;

namespace NeedsAssessment.Tests.Report;

public class ReportPeriodTests
{
    private static HashSet<DateOnly> Months(string first, string last)
    {
        var set = new HashSet<DateOnly>();
        for (var m = DateOnly.Parse(first + "-01"); m <= DateOnly.Parse(last + "-01"); m = m.AddMonths(1)) set.Add(m);
        return set;
    }

    [Fact]
    public void TwoFullYearsGiveTheLatest12MonthsComparedWithThe12Before()
    {
        var p = ReportData.PeriodsFrom("police_street", Months("2022-04", "2024-03"), new(2022, 4, 1), new(2024, 3, 1));
        Assert.Equal((new DateOnly(2023, 4, 1), new DateOnly(2024, 3, 1), 12), (p.Start, p.End, p.Months));
        Assert.Equal((new DateOnly(2022, 4, 1), new DateOnly(2023, 3, 1)), (p.PreviousStart, p.PreviousEnd));
        Assert.True(p.HasPrevious);
        Assert.Equal("the latest 12 months of police data", p.Description);
    }

    [Fact]
    public void AGapShortensThePeriodToTheMonthsAfterItInsteadOfCountingMissingMonthsAsNoViolence()
    {
        // The shape of the real North Yorkshire files: one 2018 month, then January to April 2024.
        var months = Months("2024-01", "2024-04");
        months.Add(new DateOnly(2018, 10, 1));
        var p = ReportData.PeriodsFrom("police_street", months, new(2018, 10, 1), new(2024, 4, 1));
        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2024, 4, 1), 4), (p.Start, p.End, p.Months));
        Assert.False(p.HasPrevious); // September to December 2023 have no data
        Assert.Contains("4 consecutive months", p.Description, StringComparison.Ordinal);
        Assert.Contains("part year", p.Description, StringComparison.Ordinal);
        Assert.Equal("the previous 4 months", p.PreviousDescription);
    }

    [Fact]
    public void FifteenMonthsGiveAFullYearButNoCompleteYearBeforeIt()
    {
        var p = ReportData.PeriodsFrom("police_street", Months("2023-01", "2024-03"), new(2023, 1, 1), new(2024, 3, 1));
        Assert.Equal(12, p.Months);
        Assert.False(p.HasPrevious);
    }
}
