namespace NeedsAssessment.Indicators;

/// <summary>Builds the reporting periods covered by a span of monthly data.</summary>
public static class ReportingPeriods
{
    /// <summary>
    /// Periods of the requested types within the months <paramref name="firstMonth"/> to <paramref name="lastMonth"/>.
    /// Financial years run 1 April to 31 March (the year starting April 2023 is 2023-04-01 to 2024-03-31); quarters
    /// are calendar quarters; the rolling 12 months end with <paramref name="lastMonth"/> (or with every month when
    /// <paramref name="rollingEveryMonth"/>); pooled 3-year periods are three consecutive financial years.
    /// Unless <paramref name="includePartial"/>, only periods wholly inside the data are returned.
    /// </summary>
    /// <param name="firstMonth">Any day of the first month with data.</param>
    /// <param name="lastMonth">Any day of the last month with data.</param>
    /// <param name="types">Period types wanted (<see cref="PeriodTypes.CohortPeriod"/> is ignored here: it comes from the data).</param>
    /// <param name="includePartial">Keep periods that overlap the data only in part.</param>
    /// <param name="rollingEveryMonth">Rolling windows ending at every month, not only the last.</param>
    public static IReadOnlyList<ReportingPeriod> Build(DateOnly firstMonth, DateOnly lastMonth, IEnumerable<string> types, bool includePartial = false, bool rollingEveryMonth = false)
    {
        ArgumentNullException.ThrowIfNull(types);
        var first = new DateOnly(firstMonth.Year, firstMonth.Month, 1);
        var last = new DateOnly(lastMonth.Year, lastMonth.Month, 1);
        if (last < first)
            throw new ArgumentOutOfRangeException(nameof(lastMonth), lastMonth, $"lastMonth must not be before firstMonth ({firstMonth:yyyy-MM}) but was {lastMonth:yyyy-MM}.");
        var dataEnd = last.AddMonths(1).AddDays(-1);
        var result = new List<ReportingPeriod>();
        void Add(string type, DateOnly start, int months)
        {
            var end = start.AddMonths(months).AddDays(-1);
            var inside = start >= first && end <= dataEnd;
            var overlaps = start <= dataEnd && end >= first;
            if (inside || (includePartial && overlaps)) result.Add(new ReportingPeriod(type, start, end));
        }

        foreach (var type in types.Distinct())
        {
            switch (type)
            {
                case PeriodTypes.Month:
                    for (var m = first; m <= last; m = m.AddMonths(1)) Add(type, m, 1);
                    break;
                case PeriodTypes.Quarter:
                    for (var q = new DateOnly(first.Year, ((first.Month - 1) / 3 * 3) + 1, 1); q <= last; q = q.AddMonths(3)) Add(type, q, 3);
                    break;
                case PeriodTypes.FinancialYear:
                    for (var y = FinancialYearStart(first); y <= last; y = y.AddYears(1)) Add(type, y, 12);
                    break;
                case PeriodTypes.Pooled3FinancialYears:
                    for (var y = FinancialYearStart(first); y <= last; y = y.AddYears(1)) Add(type, y, 36);
                    break;
                case PeriodTypes.Rolling12Months:
                    var ends = rollingEveryMonth ? Enumerable.Range(0, Months(first, last)).Select(i => first.AddMonths(i)) : [last];
                    foreach (var endMonth in ends) Add(type, endMonth.AddMonths(-11), 12);
                    break;
                case PeriodTypes.CohortPeriod:
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(types), type, $"period type must be one of {string.Join(", ", PeriodTypes.All)} but was '{type}'.");
            }
        }
        return result;
    }

    /// <summary>1 April of the financial year containing <paramref name="date"/>.</summary>
    public static DateOnly FinancialYearStart(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1, 4, 1);

    private static int Months(DateOnly a, DateOnly b) => ((b.Year - a.Year) * 12) + b.Month - a.Month + 1;
}
