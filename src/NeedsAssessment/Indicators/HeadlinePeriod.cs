namespace NeedsAssessment.Indicators;

/// <summary>
/// The one rule for the assessment's headline period: of the periods the indicator stage computed (each wholly
/// covered by data), the latest of the longest type, rolling 12 months before a financial year, a quarter, then a
/// month. Every view (report, workbook, charts) states this period; a part year is labelled as such: its counts cover the part year and its rates, like every rate, are per resident a year (<see cref="PeriodTypes"/>).
/// </summary>
public static class HeadlinePeriod
{
    /// <summary>Period types in order of preference for the headline.</summary>
    public static IReadOnlyList<string> Preference { get; } =
        [PeriodTypes.Rolling12Months, PeriodTypes.FinancialYear, PeriodTypes.Quarter, PeriodTypes.Month];

    /// <summary>The headline period among <paramref name="computed"/>, or null when none is of a headline type.</summary>
    public static ReportingPeriod? Choose(IEnumerable<ReportingPeriod> computed)
    {
        ArgumentNullException.ThrowIfNull(computed);
        var list = computed.ToList();
        foreach (var type in Preference)
        {
            var latest = list.Where(p => p.Type == type).OrderByDescending(p => p.End).FirstOrDefault();
            if (latest is not null) return latest;
        }
        return null;
    }

    /// <summary>The period of the same type just before <paramref name="period"/> (the previous 12 months, quarter, month or year).</summary>
    public static ReportingPeriod Previous(ReportingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return new ReportingPeriod(period.Type, period.Start.AddMonths(-period.Months), period.Start.AddDays(-1));
    }
}
