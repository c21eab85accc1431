namespace NeedsAssessment.Ingest;

/// <summary>
/// The window of dates a partner record can plausibly carry. A date outside it is a keying or export error (a
/// 2099 for 2019, a 1900 default for "unknown"), and analysed as written it would open an empty period decades long
/// in every trend and seasonal chart, so the record is quarantined with rule <c>date-window</c>.
/// </summary>
/// <param name="Earliest">First plausible date. Default 1 January 1990, before any extract a partnership holds.</param>
/// <param name="DaysAfterToday">Days after today still plausible (a month closing late). Default 31.</param>
public sealed record PlausibleDates(DateOnly Earliest, int DaysAfterToday)
{
    /// <summary>1990-01-01 to today + 31 days.</summary>
    public static PlausibleDates Default { get; } = new(new DateOnly(1990, 1, 1), 31);

    /// <summary>The last plausible date, counted from today (UTC).</summary>
    public DateOnly Latest => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(DaysAfterToday);
}
