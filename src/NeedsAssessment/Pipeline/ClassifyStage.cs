using NeedsAssessment.Classify;
using NeedsAssessment.Store;

namespace NeedsAssessment.Pipeline;

/// <summary>Classifies every agency's records under the definition into <c>sv_events</c>; its setting is the definition's text.</summary>
public sealed class ClassifyStage : PipelineStage<SeriousViolenceDefinition, ClassificationResult>
{
    internal ClassifyStage() : base("classify",
        [.. ClassificationSources.All, "police_outcomes", "police_stop_search", "boundaries", "centroids", "lsoa_lookup"],
        ["sv_events", "sv_event_rows", "sv_event_codes", "sv_event_lsoa_codes", "sv_event_lsoa", "sv_event_lsoa_split", "sv_unmapped", "sv_lsoa_unmatched", "sv_penalty_recall", StopSearchPlacement.Table, "sv_runs", "ref_offence_codes", "ref_police_uk_crime_types", "ref_icd10_assault_codes", "ref_ed_assault_methods", "ref_ho_offence_subcodes"]) { }

    /// <inheritdoc />
    public override bool Publishes => false;

    /// <inheritdoc />
    public override string Settings(RunPlan plan) =>
        File.Exists(plan.File.Definition) ? File.ReadAllText(plan.File.Definition) : "built-in:" + plan.File.Definition + ":" + EngineInfo.Version;

    /// <inheritdoc />
    public override SeriousViolenceDefinition Options(StageContext context) => context.Plan.Definition;

    /// <inheritdoc />
    protected override ClassificationResult ExecuteCore(AssessmentStore store, SeriousViolenceDefinition options, string outputFolder, IProgress<string>? progress = null) =>
        Classifier.Run(store, options);

    /// <inheritdoc />
    public override string Summary(SeriousViolenceDefinition options, ClassificationResult r) =>
        $"{r.InDefinition:N0} of {r.Events:N0} records are serious violence under {r.DefinitionName} {r.DefinitionVersion}; {r.UnmappedCodes.Sum(u => u.Records):N0} unmapped." +
        (r.StopSearch is { Records: > 0 } s
            ? $" Stop and search: {s.ByBoundary + s.ByCentroid:N0} of {s.Records:N0} records placed in an LSOA ({s.ByBoundary:N0} inside a boundary, {s.ByCentroid:N0} by nearest centroid); {s.NoLocation:N0} without a location and {s.NotPlaced:N0} too far from the loaded geography not placed."
            : "");
}
