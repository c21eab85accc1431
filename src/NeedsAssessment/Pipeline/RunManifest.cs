using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeedsAssessment.Pipeline;

/// <summary>One input file as loaded.</summary>
/// <param name="Kind">Dataset kind.</param>
/// <param name="Path">File path as given.</param>
/// <param name="Sha256">Content hash.</param>
/// <param name="Bytes">Size.</param>
/// <param name="RowsRead">Rows read.</param>
/// <param name="RowsLoaded">Rows loaded.</param>
/// <param name="RowsQuarantined">Rows quarantined.</param>
public sealed record ManifestInput(string Kind, string Path, string Sha256, long Bytes, long RowsRead, long RowsLoaded, long RowsQuarantined)
{
    /// <summary>The input's mapping onto the schema (columns, value recodes, date format, sheet, header row), or null when read as published.</summary>
    public string? Mapping { get; init; }
}

/// <summary>One stage of a run.</summary>
/// <param name="Name">Stage name.</param>
/// <param name="Status">ran, skipped (inputs unchanged since the last run) or failed.</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="Fingerprint">Hash of everything the stage's output depends on.</param>
/// <param name="Message">What happened, in a sentence.</param>
public sealed record ManifestStage(string Name, string Status, double Seconds, string Fingerprint, string Message);

/// <summary>One output file.</summary>
/// <param name="Path">Path relative to the output folder.</param>
/// <param name="Sha256">Content hash.</param>
/// <param name="Bytes">Size.</param>
public sealed record ManifestOutput(string Path, string Sha256, long Bytes);

/// <summary>
/// Proof of what was run on which data: written beside the outputs as <c>run-manifest.json</c>. Timestamps live
/// here and only here, so every other output is byte-identical for the same inputs.
/// </summary>
/// <param name="Tool">Tool name.</param>
/// <param name="ToolVersion">Tool version.</param>
/// <param name="ToolCommit">Git commit the tool was built from.</param>
/// <param name="AssessmentFile">Assessment file path.</param>
/// <param name="AssessmentSha256">Assessment file content hash.</param>
/// <param name="StartedAt">UTC start.</param>
/// <param name="FinishedAt">UTC end.</param>
/// <param name="DefinitionName">Serious violence definition name.</param>
/// <param name="DefinitionVersion">Serious violence definition version.</param>
/// <param name="Parameters">Levels, periods, benchmark, suppression, indicators, hotspots, charts.</param>
/// <param name="Inputs">Every input file.</param>
/// <param name="Stages">Every stage, in order.</param>
/// <param name="Outputs">Every output file with its hash.</param>
public sealed record RunManifest(
    string Tool,
    string ToolVersion,
    string ToolCommit,
    string AssessmentFile,
    string AssessmentSha256,
    DateTime StartedAt,
    DateTime FinishedAt,
    string DefinitionName,
    string DefinitionVersion,
    IReadOnlyDictionary<string, object> Parameters,
    IReadOnlyList<ManifestInput> Inputs,
    IReadOnlyList<ManifestStage> Stages,
    IReadOnlyList<ManifestOutput> Outputs)
{
    /// <summary>The manifest's file name in an output folder.</summary>
    public const string FileName = "run-manifest.json";

    /// <summary>JSON options used to write and read manifests.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Reads the manifest of a run folder.</summary>
    public static RunManifest Read(string runFolder)
    {
        var path = System.IO.Path.Combine(runFolder, FileName);
        if (!File.Exists(path)) throw new UserErrorException($"'{runFolder}' holds no {FileName}: is it the output folder of 'needs-assessment run'?");
        return JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), Json)
               ?? throw new UserErrorException($"{path} is empty.");
    }
}
