using NeedsAssessment.Ingest;
using NeedsAssessment.Store;

namespace NeedsAssessment.Pipeline;

/// <summary>What the ingest stage loads, and whom it tells as each input table is finished.</summary>
/// <param name="Inputs">Every input file, in load order.</param>
public sealed record IngestOptions(IReadOnlyList<RunInput> Inputs)
{
    /// <summary>Told each input table's name once the table is finished: its kind's files are loaded, or it has none in this run.</summary>
    public Action<string>? TableFinished { get; init; }
}

/// <summary>Loads partner files into the store's input tables; its settings are the files' content hashes.</summary>
public sealed class IngestStage : PipelineStage<IngestOptions, IReadOnlyList<LoadResult>>
{
    internal IngestStage() : base("ingest", [], [.. SchemaCatalog.Default.All.Select(s => s.Table).Order(StringComparer.Ordinal), "loads", "quarantine"]) { }

    /// <inheritdoc />
    public override bool Publishes => false;

    /// <inheritdoc />
    public override string Settings(RunPlan plan) => string.Join("\n", plan.Inputs.Select(i => $"{i.Kind}\t{i.Sha256}\t{i.Mapping?.Describe()}"));

    /// <inheritdoc />
    public override IngestOptions Options(StageContext context) => new(context.Plan.Inputs) { TableFinished = context.TableFinished };

    /// <inheritdoc />
    // The area and classify stages read reference and police tables that are finished well before the last kind loads.
    internal override bool AnnouncesTables => true;

    /// <inheritdoc />
    protected override IReadOnlyList<LoadResult> ExecuteCore(AssessmentStore store, IngestOptions options, string outputFolder, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var finished = options.TableFinished;
        // A kind with no file in this run is not written at all.
        if (finished is not null)
            foreach (var schema in SchemaCatalog.Default.All.Where(s => !options.Inputs.Any(i => i.Kind == s.Kind))) finished(schema.Table);
        var ingester = new Ingester(store);
        return ingester.LoadAll([.. options.Inputs.Select(i => new LoadRequest(i.Kind, i.File, i.Mapping ?? InputMapping.None))], progress,
            (input, ex) => new UserErrorException($"{input.Kind} file {input.Path}: {ex.Message}", ex),
            finished is null ? null : kind => { if (SchemaCatalog.Default.Contains(kind)) finished(SchemaCatalog.Default.Get(kind).Table); });
    }

    /// <inheritdoc />
    public override string Summary(IngestOptions options, IReadOnlyList<LoadResult> result) => $"{result.Count} file(s) loaded or already present.";
}
