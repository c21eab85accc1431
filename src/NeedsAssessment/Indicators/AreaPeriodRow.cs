namespace NeedsAssessment.Indicators;

/// <summary>One area and period of an aggregation query, before the statistic is applied.</summary>
internal sealed record AreaPeriodRow(
    string Level,
    string AreaCode,
    string? AreaName,
    string? PartnershipCode,
    ReportingPeriod Period,
    double Years);
