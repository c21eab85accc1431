using NeedsAssessment.Ingest;
using NeedsAssessment.Store;

namespace NeedsAssessment.Pipeline;

/// <summary>Loads partner files into the store's input tables; its settings are the files' content hashes.</summary>
public sealed class IngestStage : PipelineStage<IReadOnlyList<RunInput>, IReadOnlyList<LoadResult>>
{
    internal IngestStage() : base("ingest", [], [.. SchemaCatalog.Default.All.Select(s => s.Table).Order(StringComparer.Ordinal), "loads", "quarantine"]) { }

    /// <inheritdoc />
    public override bool Publishes => false;

    /// <inheritdoc />
    public override string Settings(RunPlan plan) => string.Join("\n", plan.Inputs.Select(i => $"{i.Kind}\t{i.Sha256}\t{i.Mapping?.Describe()}"));

    /// <inheritdoc />
    public override IReadOnlyList<RunInput> Options(StageContext context) => context.Plan.Inputs;

    /// <inheritdoc />
    protected override IReadOnlyList<LoadResult> ExecuteCore(AssessmentStore store, IReadOnlyList<RunInput> options, string outputFolder, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ingester = new Ingester(store);
        return ingester.LoadAll([.. options.Select(i => new LoadRequest(i.Kind, i.File, i.Mapping ?? InputMapping.None))], progress,
            (input, ex) => new UserErrorException($"{input.Kind} file {input.Path}: {ex.Message}", ex));
    }

    /// <inheritdoc />
    public override string Summary(IReadOnlyList<RunInput> options, IReadOnlyList<LoadResult> result) => $"{result.Count} file(s) loaded or already present.";
}
