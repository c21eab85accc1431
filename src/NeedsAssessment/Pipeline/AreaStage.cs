using NeedsAssessment.Store;

namespace NeedsAssessment.Pipeline;

/// <summary>What the area stage needs: the declared area and the name the partnership level takes when derived.</summary>
/// <param name="Area">The area as the assessment file declares it.</param>
/// <param name="PartnershipName">Partnership name.</param>
public sealed record AreaOptions(PartnershipArea Area, string PartnershipName)
{
    /// <summary>Told each table once it is written and checked, while the stage goes on; null when nothing listens.</summary>
    public Action<string>? TableFinished { get; init; }
}

/// <summary>
/// Settles the partnership's area once, after ingest: which LSOAs are the partnership's and their wards, districts and
/// hubs (<c>area_lsoas</c>, see <see cref="AreaHierarchy"/>), and the place names the maps label (<c>area_places</c>, see <see cref="AreaPlaces"/>). Every later stage works inside it, so national reference
/// files can be loaded as ONS publishes them.
/// </summary>
public sealed class AreaStage : PipelineStage<AreaOptions, AreaSummary>
{
    internal AreaStage() : base("area",
        ["geography", "ward_lookup", "lsoa_lookup", "csp_lookup", "boundaries", "centroids", "population", "population_syoa", "population_total"],
        [AreaHierarchy.Table, AreaPlaces.Table, AreaShapes.Table]) { }

    /// <inheritdoc />
    public override bool Publishes => false;

    /// <inheritdoc />
    // A boundary file's content, not only its path, settles the area.
    public override string Settings(RunPlan plan) =>
        $"{plan.File.AreaDeclaration}\n{plan.File.PartnershipName}" +
        (plan.File.AreaDeclaration.BoundaryFile is { } b && File.Exists(b)
            ? "\n" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(b)))
            : "");

    /// <inheritdoc />
    public override AreaOptions Options(StageContext context) => new(context.File.AreaDeclaration, context.File.PartnershipName) { TableFinished = context.TableFinished };

    /// <inheritdoc />
    // The indicators and the model read the area's LSOAs and places, not its shapes, which take the stage as long again.
    internal override bool AnnouncesTables => true;

    /// <inheritdoc />
    // The place names for the maps come from the same hierarchy, so they are settled with it.
    protected override AreaSummary ExecuteCore(AssessmentStore store, AreaOptions options, string outputFolder, IProgress<string>? progress = null)
    {
        var summary = AreaHierarchy.Build(store, options.Area, options.PartnershipName,
            options.Area.BoundaryFile is { } boundary ? AreaBoundaryFile.Lsoas(store, boundary) : null);
        PhaseTrace.Mark("area: hierarchy");
        AreaPlaces.Build(store);
        PhaseTrace.Mark("area: places");
        if (options.TableFinished is { } finished) Announce(store, [AreaHierarchy.Table, AreaPlaces.Table], finished);
        // The boundaries are parsed and dissolved here once, beside ingest, for the hot spots, descriptives and report.
        AreaShapeTable.Build(store);
        return summary;
    }

    /// <inheritdoc />
    public override string Summary(AreaOptions options, AreaSummary result) => result.ToString();
}
