using NeedsAssessment.Report;
using NeedsAssessment.Store;

namespace NeedsAssessment.Pipeline;

/// <summary>What the report stage wrote.</summary>
/// <param name="Report">The HTML report.</param>
/// <param name="WorkbookPath">The indicator workbook.</param>
public sealed record ReportStageResult(ReportResult Report, string WorkbookPath);

/// <summary>
/// The SRO report (self-contained HTML) and the indicator workbook. Last: it reads what every earlier stage wrote.
/// Its reads still include classified events and reference tables, which the report queries itself until it reads
/// only stage results (issue 14).
/// </summary>
public sealed class ReportStage : PipelineStage<ReportOptions, ReportStageResult>
{
    internal ReportStage() : base("report",
        [
            "indicator_values", "indicator_meta", "indicator_runs", "hotspots", "hotspot_top", "hotspot_parameters", .. Modelling.Modeller.Tables,
            "sv_events", "sv_runs", "sv_unmapped", "sv_lsoa_unmatched", "geography", "population", "deprivation", "lsoa_lookup", "centroids", "boundaries", "justice_cohort",
        ],
        []) { }

    /// <inheritdoc />
    public override string Settings(RunPlan plan) => $"{plan.File.Suppression}|{plan.File.PartnershipName}";

    /// <inheritdoc />
    public override ReportOptions Options(StageContext context) => new()
    {
        Suppression = context.File.Suppression.ToPolicy(),
        Definition = context.Plan.Definition,
        Title = string.IsNullOrWhiteSpace(context.File.PartnershipName) ? null : $"Serious violence strategic needs assessment: {context.File.PartnershipName}",
    };

    /// <inheritdoc />
    public override ReportStageResult Execute(AssessmentStore store, ReportOptions options, string outputFolder, IProgress<string>? progress = null) =>
        new(AssessmentReport.Write(store, outputFolder, options), IndicatorWorkbook.Write(store, outputFolder, options));

    /// <inheritdoc />
    public override string Summary(ReportOptions options, ReportStageResult result) =>
        $"{AssessmentReport.FileName} ({result.Report.Bytes / 1024.0:N0} KB, {result.Report.Charts} charts) and {IndicatorWorkbook.FileName}.";
}
