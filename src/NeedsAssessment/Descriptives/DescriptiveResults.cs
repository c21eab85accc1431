using NeedsAssessment.Store;

namespace NeedsAssessment.Descriptives;

/// <summary>Names of the descriptives stage's result tables (their columns are in data-schemas/outputs).</summary>
public static class DescriptiveTables
{
    /// <summary>The headline period, one row.</summary>
    public const string Period = "descriptive_period";
    /// <summary>Counts per month with the rolling mean and seasonal pattern.</summary>
    public const string Monthly = "descriptive_monthly";
    /// <summary>Day of week by hour.</summary>
    public const string DayHour = "descriptive_day_hour";
    /// <summary>Victims by age and sex with margins.</summary>
    public const string Victims = "descriptive_victims";
    /// <summary>Victims by sex and age band per resident of that sex and age (population by sex and single year of age).</summary>
    public const string VictimRates = Descriptives.VictimRates.Table;
    /// <summary>Offence mix with severity.</summary>
    public const string OffenceMix = "descriptive_offence_mix";
    /// <summary>Change on the previous period.</summary>
    public const string Change = "descriptive_change";
    /// <summary>Rates by deprivation decile.</summary>
    public const string Deprivation = "descriptive_deprivation";
    /// <summary>Lorenz curve at every 5% of residents.</summary>
    public const string Lorenz = "descriptive_lorenz";
    /// <summary>Funnel limits for LSOA rates.</summary>
    public const string Funnel = "descriptive_funnel";
    /// <summary>Justice cohorts.</summary>
    public const string Cohorts = "descriptive_cohorts";
    /// <summary>Sources classified.</summary>
    public const string Sources = "descriptive_sources";
    /// <summary>Months missing per source.</summary>
    public const string Gaps = "descriptive_gaps";
    /// <summary>Rows set aside at ingest.</summary>
    public const string Quarantine = "descriptive_quarantine";
    /// <summary>Codes and LSOAs not placed.</summary>
    public const string Unplaced = "descriptive_unplaced";
    /// <summary>The classification run.</summary>
    public const string Classification = "descriptive_classification";
    /// <summary>Serious violence records outside the partnership's area, by source, force and reason.</summary>
    public const string OutsideArea = "descriptive_outside_area";
    /// <summary>How the area's LSOAs were placed in districts and how the districts were named.</summary>
    public const string AreaPlacement = "descriptive_area_placement";
    /// <summary>Records in LSOAs of the area that the population file does not cover, which every rate leaves out.</summary>
    public const string NoPopulation = "descriptive_no_population";
    /// <summary>Rates in the urban and rural parts of the area (ONS Rural-Urban Classification 2021) and their ratio.</summary>
    public const string RuralUrban = RuralUrbanParity.Table;
    /// <summary>Each neighbourhood of the area as urban or rural, and what placed it (the ONS classification, else the proxy).</summary>
    public const string RuralUrbanLsoas = RuralUrbanAreas.Table;
    /// <summary>People (by pseudonymised key) who were victims or suspects of two or more, three or more offences.</summary>
    public const string Repeat = RepeatVictimisation.Table;

    /// <summary>Serious violence crimes from police.uk by the group of their latest outcome (the report's justice outcomes).</summary>
    public const string Outcomes = "descriptive_outcomes";

    /// <summary>Every table the descriptives stage writes, in the order it writes them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Period, Monthly, DayHour, Victims, VictimRates, OffenceMix, Outcomes, Change, Deprivation, Lorenz, Funnel, Cohorts, Sources, Gaps, Quarantine, Unplaced, Classification, OutsideArea, AreaPlacement, NoPopulation, RuralUrbanLsoas, RuralUrban, Repeat];
}

/// <summary>
/// Everything the descriptives stage wrote, read back through the one typed reader per table. The report, the
/// workbook, the charts and the notebooks read these; none of them queries events.
/// </summary>
public sealed record DescriptiveResults(
    DescriptivePeriod Period,
    IReadOnlyList<MonthlyCount> Monthly,
    IReadOnlyList<DayHourCell> DayHour,
    IReadOnlyList<VictimCount> Victims,
    IReadOnlyList<OffenceMix> OffenceMix,
    IReadOnlyList<AreaChange> Change,
    IReadOnlyList<DecileRate> Deprivation,
    IReadOnlyList<LorenzRow> Lorenz,
    IReadOnlyList<FunnelRow> Funnel,
    IReadOnlyList<CohortRate> Cohorts,
    IReadOnlyList<SourceSummary> Sources,
    IReadOnlyList<CoverageGap> Gaps,
    IReadOnlyList<QuarantineSummary> Quarantine,
    IReadOnlyList<UnplacedCode> Unplaced,
    ClassificationSummary? Classification)
{
    /// <summary>Serious violence records outside the partnership's area (data quality).</summary>
    public IReadOnlyList<OutsideAreaCount> OutsideArea { get; init; } = [];

    /// <summary>How the area's LSOAs were placed (data quality).</summary>
    public IReadOnlyList<AreaPlacementCount> AreaPlacement { get; init; } = [];

    /// <summary><c>descriptive_no_population</c>: records of the area's LSOAs without residents, by source.</summary>
    public IReadOnlyList<NoPopulationCount> NoPopulation { get; init; } = [];

    /// <summary><c>descriptive_rural_urban</c>: rates in the urban and rural parts of the area and their ratio; empty without the classification.</summary>
    public IReadOnlyList<RuralUrbanRate> RuralUrban { get; init; } = [];

    /// <summary><c>descriptive_rural_urban_lsoas</c>: each neighbourhood as urban or rural and what placed it; empty without the classification or boundaries.</summary>
    public IReadOnlyList<RuralUrbanLsoa> RuralUrbanLsoas { get; init; } = [];

    /// <summary><c>descriptive_victim_rates</c>: victims per resident of their sex and age; empty without the population by sex and age.</summary>
    public IReadOnlyList<VictimRate> VictimRates { get; init; } = [];

    /// <summary><c>descriptive_repeat</c>: repeat victims and suspects from pseudonymised keys; empty without them.</summary>
    public IReadOnlyList<RepeatCount> Repeat { get; init; } = [];

    /// <summary><c>descriptive_outcomes</c>: police.uk serious violence crimes by latest outcome group; empty when none has an outcome.</summary>
    public IReadOnlyList<JusticeOutcome> Outcomes { get; init; } = [];

    /// <summary>Reads every descriptive table.</summary>
    /// <exception cref="UserErrorException">The descriptives stage has not run on this store.</exception>
    public static DescriptiveResults Read(AssessmentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var period = ResultTable<DescriptivePeriod>.Read(store, DescriptiveTables.Period).FirstOrDefault()
            ?? throw new UserErrorException($"Store '{store.Path}' has no descriptive results. Run the descriptives stage first ('needs-assessment run', or DescriptiveStage.Run).");
        return new DescriptiveResults(period,
            ResultTable<MonthlyCount>.Read(store, DescriptiveTables.Monthly),
            ResultTable<DayHourCell>.Read(store, DescriptiveTables.DayHour),
            ResultTable<VictimCount>.Read(store, DescriptiveTables.Victims),
            ResultTable<OffenceMix>.Read(store, DescriptiveTables.OffenceMix),
            ResultTable<AreaChange>.Read(store, DescriptiveTables.Change),
            ResultTable<DecileRate>.Read(store, DescriptiveTables.Deprivation),
            ResultTable<LorenzRow>.Read(store, DescriptiveTables.Lorenz),
            ResultTable<FunnelRow>.Read(store, DescriptiveTables.Funnel),
            ResultTable<CohortRate>.Read(store, DescriptiveTables.Cohorts),
            ResultTable<SourceSummary>.Read(store, DescriptiveTables.Sources),
            ResultTable<CoverageGap>.Read(store, DescriptiveTables.Gaps),
            ResultTable<QuarantineSummary>.Read(store, DescriptiveTables.Quarantine),
            ResultTable<UnplacedCode>.Read(store, DescriptiveTables.Unplaced),
            ResultTable<ClassificationSummary>.Read(store, DescriptiveTables.Classification).FirstOrDefault())
        {
            OutsideArea = store.TableExists(DescriptiveTables.OutsideArea) ? ResultTable<OutsideAreaCount>.Read(store, DescriptiveTables.OutsideArea) : [],
            AreaPlacement = store.TableExists(DescriptiveTables.AreaPlacement) ? ResultTable<AreaPlacementCount>.Read(store, DescriptiveTables.AreaPlacement) : [],
            NoPopulation = store.TableExists(DescriptiveTables.NoPopulation) ? ResultTable<NoPopulationCount>.Read(store, DescriptiveTables.NoPopulation) : [],
            RuralUrban = store.TableExists(DescriptiveTables.RuralUrban) ? ResultTable<RuralUrbanRate>.Read(store, DescriptiveTables.RuralUrban) : [],
            RuralUrbanLsoas = store.TableExists(DescriptiveTables.RuralUrbanLsoas) ? ResultTable<RuralUrbanLsoa>.Read(store, DescriptiveTables.RuralUrbanLsoas) : [],
            VictimRates = store.TableExists(DescriptiveTables.VictimRates) ? ResultTable<VictimRate>.Read(store, DescriptiveTables.VictimRates) : [],
            Repeat = store.TableExists(DescriptiveTables.Repeat) ? ResultTable<RepeatCount>.Read(store, DescriptiveTables.Repeat) : [],
            Outcomes = store.TableExists(DescriptiveTables.Outcomes) ? ResultTable<JusticeOutcome>.Read(store, DescriptiveTables.Outcomes) : [],
        };
    }
}
