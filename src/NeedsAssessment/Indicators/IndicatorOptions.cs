using NeedsAssessment.Classify;

namespace NeedsAssessment.Indicators;

/// <summary>
/// Choices for <see cref="IndicatorEngine.Compute"/>. Every property is optional; null means "choose
/// automatically", and the choice made is recorded in <see cref="IndicatorRun"/> and the <c>indicator_runs</c> table.
/// </summary>
public sealed record IndicatorOptions
{
    /// <summary>Catalogue to compute; null = <see cref="IndicatorCatalogue.Default"/>.</summary>
    public IndicatorCatalogue? Catalogue { get; init; }

    /// <summary>Indicator ids to compute; null = all. Base indicators needed by those chosen are read from the catalogue.</summary>
    public IReadOnlyList<string>? IndicatorIds { get; init; }

    /// <summary>Geography levels; null = <see cref="IndicatorLevels.Default"/> (lsoa, ward, district, partnership).</summary>
    public IReadOnlyList<string>? Levels { get; init; }

    /// <summary>Period types; null = <see cref="PeriodTypes.Default"/>. Each indicator uses those it supports.</summary>
    public IReadOnlyList<string>? PeriodTypes { get; init; }

    /// <summary>Benchmark values by indicator id (e.g. the England rate), on the indicator's multiplier. Indicators
    /// not listed are compared with their partnership's value for the same period.</summary>
    public IReadOnlyDictionary<string, double>? Benchmarks { get; init; }

    /// <summary>Which police source the <c>police</c> filter column selects; null = police_recorded_crime when it has
    /// events, else police_street. Counting both would double-count the same crimes.</summary>
    public string? PoliceSource { get; init; }

    /// <summary>Keep periods only partly covered by the data (default false: a half-covered year would read as a fall).</summary>
    public bool IncludePartialPeriods { get; init; }

    /// <summary>Rolling 12-month windows ending at every month of data, not only the latest (default false).</summary>
    public bool RollingEveryMonth { get; init; }

    /// <summary>Days counted for a life maximum in <c>penalty_harm_days</c>. Default <see cref="LifeMaximumPenalty.Days"/>
    /// (30 years), an assumption (statute gives no number of days for life); change it to test the ranking's sensitivity.</summary>
    public double LifePenaltyDays { get; init; } = LifeMaximumPenalty.Days;

    /// <summary>Female share of residents when only the census six-group table (which has no sex) is loaded.
    /// Default 0.51 (Census 2021 England and Wales, recall); ignored when population_syoa is loaded.</summary>
    public double CensusFemaleShare { get; init; } = 0.51;

    /// <summary>Receives each automatic choice as it is made (e.g. the population source); null = silent.</summary>
    public Action<string>? Announce { get; init; }

    /// <summary>
    /// Serious violence definition for indicators over offence counts (the Home Office open data table), which
    /// classify offence codes themselves; null = the definition the events were classified under.
    /// </summary>
    public Classify.SeriousViolenceDefinition? Definition { get; init; }

    /// <summary>The force (or CSP) of the Home Office table to compare with England and Wales; null = the police.uk force of the loaded street files (or the CSP named like the partnership).</summary>
    public string? HomeOfficeArea { get; init; }
}
