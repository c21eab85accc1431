namespace NeedsAssessment.Classify;

/// <summary>What one classification run did; the same figures are kept in <c>sv_runs</c>, <c>sv_unmapped</c> and <c>sv_lsoa_unmatched</c>.</summary>
/// <param name="DefinitionName">Name of the definition applied (on every <c>sv_events</c> row).</param>
/// <param name="DefinitionVersion">Version of the definition applied (on every row).</param>
/// <param name="DefinitionOrigin">File or built-in name the definition came from.</param>
/// <param name="Events">Rows written to <c>sv_events</c>: every source record, whether or not it counts.</param>
/// <param name="InDefinition">Rows with <c>in_definition = true</c>.</param>
/// <param name="Sources">Counts per source.</param>
/// <param name="UnmappedCodes">Codes no reference table knows, with how many records carry each; those records are kept with <c>mapped = false</c>.</param>
/// <param name="Lsoa">How LSOA codes were resolved to 2021 codes.</param>
/// <param name="UnmatchedLsoas">LSOA codes found in no lookup column, with counts; those records are kept with <c>lsoa21_code</c> NULL.</param>
public sealed record ClassificationResult(
    string DefinitionName,
    string DefinitionVersion,
    string DefinitionOrigin,
    long Events,
    long InDefinition,
    IReadOnlyList<SourceClassificationCount> Sources,
    IReadOnlyList<UnmappedCode> UnmappedCodes,
    LsoaMappingOutcome Lsoa,
    IReadOnlyList<UnmatchedLsoa> UnmatchedLsoas)
{
    /// <summary>How the police.uk stop and search records were placed in LSOAs (<c>sv_stop_search</c>); null when not run.</summary>
    public StopSearchPlacementResult? StopSearch { get; init; }
}

/// <summary>Classification counts for one source.</summary>
/// <param name="Source">Source table, e.g. <c>police_recorded_crime</c>.</param>
/// <param name="Records">Records read (all kept in <c>sv_events</c>).</param>
/// <param name="Mapped">Records whose code a reference table knows.</param>
/// <param name="Unmapped">Records whose code no reference table knows (or that have no code).</param>
/// <param name="InDefinition">Records the definition counts as serious violence.</param>
/// <param name="SeverityIsRange">True when this source's severity is a range over lumped offences (police.uk), not one maximum.</param>
public sealed record SourceClassificationCount(string Source, long Records, long Mapped, long Unmapped, long InDefinition, bool SeverityIsRange);

/// <summary>A code that matched no reference table.</summary>
/// <param name="Source">Source the code came from.</param>
/// <param name="Code">The code as given (<c>(blank)</c> when empty).</param>
/// <param name="Records">How many records carry it.</param>
public sealed record UnmappedCode(string Source, string Code, long Records);

/// <summary>How event LSOA codes were resolved to LSOA 2021 through the <c>lsoa_lookup</c> table.</summary>
/// <param name="Given2021">Code already a 2021 code (found in the lookup's <c>lsoa21_code</c>).</param>
/// <param name="Mapped2011">2011 code mapped to exactly one 2021 code.</param>
/// <param name="Split2011">2011 code that split into several 2021 codes: <c>lsoa_split = true</c>; <c>sv_event_lsoa</c> apportions it 1/n to each.</param>
/// <param name="Unmatched">Code in neither lookup column: kept with <c>lsoa21_code</c> NULL and counted per code.</param>
/// <param name="Missing">No LSOA code on the record.</param>
/// <param name="Unchecked">The store has no lookup rows, so codes were taken as 2021 codes unchecked.</param>
public sealed record LsoaMappingOutcome(long Given2021, long Mapped2011, long Split2011, long Unmatched, long Missing, long Unchecked);

/// <summary>An LSOA code found in neither column of the lookup.</summary>
/// <param name="Source">Source the code came from.</param>
/// <param name="LsoaCode">The code as given.</param>
/// <param name="Records">How many records carry it.</param>
public sealed record UnmatchedLsoa(string Source, string LsoaCode, long Records);
