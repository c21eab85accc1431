namespace NeedsAssessment.Indicators;

/// <summary>A reporting period: whole months from <see cref="Start"/> (a 1st) to <see cref="End"/> (a last day).</summary>
/// <param name="Type">Period type (see <see cref="PeriodTypes"/>).</param>
/// <param name="Start">First day.</param>
/// <param name="End">Last day, inclusive.</param>
public sealed record ReportingPeriod(string Type, DateOnly Start, DateOnly End)
{
    /// <summary>Number of calendar months covered.</summary>
    public int Months => ((End.Year - Start.Year) * 12) + End.Month - Start.Month + 1;

    /// <summary>Length in years (months / 12): the person-years multiplier of a population denominator.</summary>
    public double Years => Months / 12.0;
}
