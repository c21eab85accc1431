namespace NeedsAssessment.Descriptives;

// Rows of the descriptives stage's result tables. Each record's constructor lists its table's columns exactly as
// the schema in data-schemas/outputs declares them (ResultTable<T> checks this on first use).

/// <summary>A row of <c>descriptive_period</c>: the headline period every view states.</summary>
public sealed record DescriptivePeriod(
    string PeriodType, DateOnly PeriodStart, DateOnly PeriodEnd, long Months, DateOnly? PreviousStart, DateOnly? PreviousEnd, bool PreviousComplete,
    string PoliceSource, DateOnly FirstMonth, DateOnly LastMonth, string PartnershipCode, string PartnershipName, long? UntimedEvents,
    string Suppression, long HideFrom, long HideTo)
{
    /// <summary>True when the previous period of the same type lies inside the data and every month of it has police data.</summary>
    public bool HasPrevious => PreviousStart is { } s && s >= FirstMonth && PreviousComplete;
}

/// <summary>A row of <c>descriptive_monthly</c>.</summary>
public sealed record MonthlyCount(DateOnly Month, bool HasData, long? Count, double? RollingMean, double? SeasonalMean, bool Suppressed);

/// <summary>A row of <c>descriptive_day_hour</c>.</summary>
public sealed record DayHourCell(long IsoDay, long Hour, long? Count, bool Suppressed);

/// <summary>A row of <c>descriptive_victims</c>.</summary>
public sealed record VictimCount(long Position, string AgeBand, string Sex, long? Count, bool Suppressed);

/// <summary>A row of <c>descriptive_offence_mix</c>.</summary>
public sealed record OffenceMix(
    long Rank, string OffenceGroup, long? Count, double? Share, double? MeanPenaltyYears, double? PenaltyYearsTotal, double? HarmShare, double? PenaltyMinYears, bool PenaltyMinLife,
    double? PenaltyMaxYears, bool PenaltyMaxLife, bool SeverityIsRange, long? LifeMaximum, bool Suppressed);

/// <summary>A row of <c>descriptive_change</c>.</summary>
public sealed record AreaChange(
    long Position, string Level, string AreaCode, string AreaName, long? CurrentCount, long? PreviousCount, double? PercentChange,
    double? Lower95, double? Upper95, string Comparison, bool Suppressed, string? Note);

/// <summary>A row of <c>descriptive_deprivation</c>.</summary>
public sealed record DecileRate(long Decile, long? Count, double Population, double Ridit, double? Rate, double? Lower95, double? Upper95, bool Suppressed);

/// <summary>A row of <c>descriptive_lorenz</c>.</summary>
public sealed record LorenzRow(long Position, double PopulationShare, double CountShare);

/// <summary>A row of <c>descriptive_funnel</c>.</summary>
public sealed record FunnelRow(long Position, double Population, double Target, double Lower95, double Upper95, double Lower998, double Upper998);

/// <summary>A row of <c>descriptive_cohorts</c>.</summary>
public sealed record CohortRate(
    string CohortKind, long Position, string AgeBand, DateOnly PeriodStart, DateOnly PeriodEnd, long? Count, double? Denominator,
    double? Value, double? Lower95, double? Upper95, bool PerPopulation, bool Suppressed);

/// <summary>A row of <c>descriptive_sources</c>.</summary>
public sealed record SourceSummary(string Source, long Records, long? InDefinition, long? NoArea, DateOnly? FirstMonth, DateOnly? LastMonth, bool Suppressed);

/// <summary>A row of <c>descriptive_gaps</c>.</summary>
public sealed record CoverageGap(string Source, DateOnly FromMonth, DateOnly ToMonth, long Months);

/// <summary>A row of <c>descriptive_quarantine</c>.</summary>
public sealed record QuarantineSummary(long Position, string Kind, string Rule, string ColumnName, long Rows);

/// <summary>
/// A row of <c>descriptive_outcomes</c>: serious violence crimes of the area in the headline period, from police.uk
/// street records, by the group of their latest police.uk outcome; the last row is their total.
/// </summary>
/// <param name="Position">Order: the groups in <c>PoliceUkOutcomes.Groups</c> order, the other group, then the total.</param>
/// <param name="OutcomeGroup">Outcome group, or "All crimes with an outcome" on the total row.</param>
/// <param name="Outcomes">The data.police.uk outcome categories of the group found among these crimes, separated by "; ".</param>
/// <param name="Crimes">Crimes, null when suppressed.</param>
/// <param name="Share">Percentage of all crimes with an outcome, null when suppressed.</param>
/// <param name="Suppressed">True when the count is hidden.</param>
public sealed record JusticeOutcome(long Position, string OutcomeGroup, string Outcomes, long? Crimes, double? Share, bool Suppressed);

/// <summary>A row of <c>descriptive_outside_area</c>: serious violence records the area's analysis leaves out.</summary>
/// <param name="Position">Order: most records first.</param>
/// <param name="Source">sv_events source.</param>
/// <param name="Force">The force the record falls within (police.uk's "Falls within"), or "(not given)".</param>
/// <param name="Reason">LSOA outside the area, LSOA code not recognised, location but no LSOA, or no location.</param>
/// <param name="Records">Records, null when suppressed.</param>
/// <param name="Suppressed">True when the count is hidden.</param>
public sealed record OutsideAreaCount(long Position, string Source, string Force, string Reason, long? Records, bool Suppressed);

/// <summary>A row of <c>descriptive_area_placement</c>: LSOAs of the area by the file that placed them.</summary>
/// <param name="PlacedBy">File that placed the LSOAs in their district.</param>
/// <param name="DistrictNamedBy">Where their district's name came from.</param>
/// <param name="Lsoas">LSOAs (areas, not people).</param>
/// <param name="Districts">Districts among them.</param>
public sealed record AreaPlacementCount(string PlacedBy, string DistrictNamedBy, long Lsoas, long Districts);

/// <summary>A row of <c>descriptive_no_population</c>: serious violence records in LSOAs of the area that no population row covers.</summary>
/// <param name="Position">Order: most records first.</param>
/// <param name="Source">sv_events source.</param>
/// <param name="Lsoas">LSOAs without a population row that hold its records (areas, not people).</param>
/// <param name="Records">Records, null when suppressed.</param>
/// <param name="Suppressed">True when the count is hidden.</param>
public sealed record NoPopulationCount(long Position, string Source, long Lsoas, long? Records, bool Suppressed);

/// <summary>A row of <c>descriptive_unplaced</c>.</summary>
public sealed record UnplacedCode(long Position, string Problem, string Source, string Code, long? Records, bool Suppressed);

/// <summary>A row of <c>descriptive_classification</c>.</summary>
public sealed record ClassificationSummary(
    string DefinitionName, string DefinitionVersion, string DefinitionOrigin, long Events, long InDefinition, long Unmapped, long LsoaUnmatched, long LsoaSplit);
