using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace NeedsAssessment.Pipeline;

/// <summary>
/// The assessment's stages, in order, each declaring the store tables it reads and writes. <c>run</c> and the CLI's
/// stage commands (classify, indicators, hotspots, model, report) call these same objects. A stage's fingerprint is
/// its own settings plus the fingerprints of the stages that wrote the tables it reads, so changing one setting
/// reruns only the stages that depend on it.
/// </summary>
public static class Stages
{
    /// <summary>Loads partner files.</summary>
    public static IngestStage Ingest { get; } = new();

    /// <summary>Settles the partnership's area (<c>area_lsoas</c>).</summary>
    public static AreaStage Area { get; } = new();

    /// <summary>Builds <c>sv_events</c>.</summary>
    public static ClassifyStage Classify { get; } = new();

    /// <summary>Computes the indicators.</summary>
    public static IndicatorsStage Indicators { get; } = new();

    /// <summary>Publishes the indicators under the disclosure policy.</summary>
    public static IndicatorExportStage IndicatorExport { get; } = new();

    /// <summary>Computes the descriptive tables (after the indicators, whose headline period they state).</summary>
    public static DescriptivesStage Descriptives { get; } = new();

    /// <summary>Finds hot spots.</summary>
    public static HotspotsStage Hotspots { get; } = new();

    /// <summary>Models expected counts, typology and forecasts.</summary>
    public static ModelStage Model { get; } = new();

    /// <summary>Writes the report and workbook.</summary>
    public static ReportStage Report { get; } = new();

    /// <summary>Every stage, in the order they run.</summary>
    public static ImmutableArray<PipelineStage> All { get; } = [Ingest, Area, Classify, Indicators, IndicatorExport, Descriptives, Hotspots, Model, Report];

    /// <summary>
    /// Each stage's fingerprint for a run: a hash of the engine build, the stage's name and settings, and the
    /// fingerprints of the stages that wrote the tables it reads.
    /// </summary>
    /// <exception cref="InvalidOperationException">A stage reads a table no earlier stage writes, or two stages write one table.</exception>
    public static IReadOnlyDictionary<string, string> Fingerprints(RunPlan plan, IReadOnlyList<PipelineStage> stages)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(stages);
        var writerOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            var upstream = stage.Reads
                .Select(t => writerOf.TryGetValue(t, out var w) ? w : throw new InvalidOperationException($"Stage '{stage.Name}' reads '{t}', which no earlier stage writes."))
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(w => $"{w}={fingerprints[w]}");
            // A different build of the tool may compute differently, so the build is part of every fingerprint.
            fingerprints[stage.Name] = Hash($"{EngineBuild}\n{stage.Name}\n{stage.Settings(plan)}\n{string.Join("\n", upstream)}");
            foreach (var t in stage.Writes)
                if (!writerOf.TryAdd(t, stage.Name))
                    throw new InvalidOperationException($"Stages '{writerOf[t]}' and '{stage.Name}' both write '{t}'.");
        }
        return fingerprints;
    }

    /// <summary>
    /// The engine build: its version, commit and the engine assembly's module version id. Why the module id: the
    /// commit names what was committed, so a build with uncommitted changes (a developer's, or a source tree without
    /// git, whose commit is "unknown") would reuse results an older build computed. The compiler's deterministic
    /// module id changes whenever the compiled engine does, and ReadyToRun images keep it, so the CLI's precompiled
    /// copy and the library share fingerprints.
    /// </summary>
    internal static string EngineBuild { get; } =
        $"{EngineInfo.Version}+{EngineInfo.Commit}+{typeof(Stages).Assembly.ManifestModule.ModuleVersionId:N}";

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
