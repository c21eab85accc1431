using System.Globalization;

namespace NeedsAssessment.Classify;

/// <summary>
/// The one rule for how a life maximum penalty counts in severity sums and averages. Statute gives a life sentence
/// no number of days, so one is assumed: 30 years (10,950 days). Indicators, the report and the notebooks take their
/// default from here; an analyst may override it to test a ranking's sensitivity.
/// </summary>
public static class LifeMaximumPenalty
{
    /// <summary>Days counted for a life maximum: 30 years of 365 days (an assumption; statute gives no number).</summary>
    public const double Days = 10_950;

    /// <summary>Whole years a day count stands for (30 for the default), for captions and notes.</summary>
    public static string Years(double days = Days) => (days / 365.25).ToString("0", CultureInfo.InvariantCulture);

    /// <summary>"Life maximum counted as 30 years." for the day count given, for captions.</summary>
    public static string Note(double days = Days) => $"Life maximum counted as {Years(days)} years.";
}
