namespace NeedsAssessment.Indicators;

/// <summary>
/// Period types of the output. Periods are whole calendar months; <c>period_end</c> is the last day. Financial
/// years run 1 April to 31 March. Rates divide by population × the period's length in years, so a monthly rate is
/// per person-year like an annual one and the two can be compared.
/// </summary>
public static class PeriodTypes
{
    /// <summary>A calendar month.</summary>
    public const string Month = "month";

    /// <summary>A calendar quarter (Jan-Mar, Apr-Jun, Jul-Sep, Oct-Dec; the same as financial quarters).</summary>
    public const string Quarter = "quarter";

    /// <summary>1 April to 31 March.</summary>
    public const string FinancialYear = "financial_year";

    /// <summary>The 12 months ending with the latest month of data (or every month with <see cref="IndicatorOptions.RollingEveryMonth"/>).</summary>
    public const string Rolling12Months = "rolling_12_months";

    /// <summary>Three consecutive financial years pooled (Fingertips convention for violence admissions).</summary>
    public const string Pooled3FinancialYears = "pooled_3_financial_years";

    /// <summary>The periods the justice cohorts are published for, as given in <c>justice_cohort</c>.</summary>
    public const string CohortPeriod = "cohort_period";

    /// <summary>Every period type.</summary>
    public static IReadOnlyList<string> All { get; } = [Month, Quarter, FinancialYear, Rolling12Months, Pooled3FinancialYears, CohortPeriod];

    /// <summary>Period types computed when <see cref="IndicatorOptions.PeriodTypes"/> is not given (each indicator uses those it supports).</summary>
    public static IReadOnlyList<string> Default { get; } = [FinancialYear, Rolling12Months, Pooled3FinancialYears, CohortPeriod];
}
