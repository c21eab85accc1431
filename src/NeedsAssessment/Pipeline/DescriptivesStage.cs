using NeedsAssessment.Descriptives;
using NeedsAssessment.Indicators;
using NeedsAssessment.Store;

namespace NeedsAssessment.Pipeline;

/// <summary>
/// The descriptive tables the report, workbook, charts and notebooks show beside the indicators (monthly counts, day by
/// hour, victims, offence mix, change, deprivation, Lorenz, funnel limits, cohorts, data quality), each count suppressed
/// once through <see cref="SmallNumberSuppression"/>. After the indicators: the headline period every view states is the
/// indicator stage's. It writes only store tables.
/// </summary>
public sealed class DescriptivesStage : PipelineStage<DescriptiveOptions, DescriptivePeriod>
{
    internal DescriptivesStage() : base("descriptives",
        [
            "sv_events", "sv_runs", "sv_unmapped", "sv_lsoa_unmatched", NeedsAssessment.Classify.StopSearchPlacement.Table, AreaHierarchy.Table, "police_street", "police_recorded_crime", .. Residents.Tables, "deprivation", "lsoa_lookup", "justice_cohort",
            "loads", "quarantine", IndicatorTable.Name, "rural_urban", "boundaries", AreaShapes.Table,
        ],
        DescriptiveTables.All) { }

    /// <inheritdoc />
    public override bool Publishes => false;

    /// <inheritdoc />
    public override string Settings(RunPlan plan) => plan.File.Suppression.ToString();

    /// <inheritdoc />
    public override DescriptiveOptions Options(StageContext context) => new() { Suppression = context.File.Suppression.ToPolicy() };

    /// <inheritdoc />
    protected override DescriptivePeriod ExecuteCore(AssessmentStore store, DescriptiveOptions options, string outputFolder, IProgress<string>? progress = null) =>
        DescriptiveStage.Run(store, options);

    /// <inheritdoc />
    public override string Summary(DescriptiveOptions options, DescriptivePeriod p) =>
        $"headline period {p.PeriodStart:yyyy-MM} to {p.PeriodEnd:yyyy-MM} ({p.PeriodType}, {p.Months} months); counts suppressed under '{p.Suppression}'.";
}
