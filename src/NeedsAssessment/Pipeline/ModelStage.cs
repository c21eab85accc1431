using NeedsAssessment.Classify;
using NeedsAssessment.Modelling;
using NeedsAssessment.Store;

namespace NeedsAssessment.Pipeline;

/// <summary>What the model stage did: the fit, or why it could not run, and the files it wrote.</summary>
/// <param name="Run">The model run, or null when the store lacks what modelling needs.</param>
/// <param name="NotRunBecause">Why modelling did not run, or null.</param>
/// <param name="Files">CSV files written.</param>
public sealed record ModelStageResult(ModelRunResult? Run, string? NotRunBecause, IReadOnlyList<string> Files);

/// <summary>Expected counts, risk-adjusted hot spots, area typology and district forecasts, on the police source that counts.</summary>
public sealed class ModelStage : PipelineStage<ModelOptions, ModelStageResult>
{
    /// <summary>Folder of the CSV exports inside the output folder.</summary>
    public const string Subfolder = "model";

    internal ModelStage() : base("model",
        ["sv_events", "population_syoa", "deprivation", "lsoa_lookup", AreaHierarchy.Table, "centroids", NeedsAssessment.Modelling.ModelData.RuralUrbanInput],
        [.. Modeller.Tables]) { }

    /// <inheritdoc />
    public override string Settings(RunPlan plan) => $"expected counts, risk-adjusted hotspots, typology, forecasts; default model options (seed 42)|{plan.File.Suppression}";

    /// <inheritdoc />
    public override ModelOptions Options(StageContext context) =>
        new() { Source = PoliceSource.Counted(context.Store), Suppression = context.File.Suppression.ToPolicy() };

    /// <inheritdoc />
    protected override string OutputFolder(string stagingFolder) => Path.Combine(stagingFolder, Subfolder);

    /// <inheritdoc />
    protected override ModelStageResult ExecuteCore(AssessmentStore store, ModelOptions options, string outputFolder, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Modeller.MissingInputs(store, options.Source) is { } why) return new ModelStageResult(null, why, []);
        var run = Modeller.Run(store, options);
        return new ModelStageResult(run, null, Modeller.Export(store, outputFolder, options.Suppression));
    }

    /// <inheritdoc />
    public override string Summary(ModelOptions options, ModelStageResult result)
    {
        if (result.Run is not { } r) return $"not run: modelling {result.NotRunBecause}.";
        return $"deprivation effect {r.Expected.Coefficients.FirstOrDefault(c => c.Term == "deprivation_steps")?.Estimate:0.###} per decile step; " +
               $"{r.Typology.Clusters.Count} area types; forecasts for {r.Forecasts.Points.Select(p => p.DistrictCode).Distinct().Count()} districts.";
    }
}
