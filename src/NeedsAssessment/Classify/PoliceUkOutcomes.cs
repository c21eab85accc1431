namespace NeedsAssessment.Classify;

/// <summary>
/// The outcome of a police.uk crime: the latest outcome in the force's <c>-outcomes</c> files for its Crime ID (they
/// carry outcomes reached after the street file was published), else the street file's own "Last outcome category".
/// The one place that says which police.uk outcomes mean a suspect was charged.
/// </summary>
public static class PoliceUkOutcomes
{
    /// <summary>Staging table of each Crime ID's latest outcome from the outcomes files (dropped after classification).</summary>
    internal const string Table = "sv_outcomes";

    /// <summary>
    /// Outcomes that follow a charge or summons: the charge itself and every court outcome (data.police.uk's outcome
    /// categories, "About the data: outcomes"; Home Office outcome type 1, charged/summonsed, ends in one of these).
    /// </summary>
    public static IReadOnlyList<string> ChargedOrCourt { get; } =
    [
        "Suspect charged", "Suspect charged as part of another case", "Awaiting court outcome", "Court result unavailable",
        "Court case unable to proceed", "Defendant found not guilty", "Defendant sent to Crown Court", "Offender sent to prison",
        "Offender given suspended prison sentence", "Offender given community sentence", "Offender fined",
        "Offender given conditional discharge", "Offender given absolute discharge", "Offender ordered to pay compensation",
        "Offender deprived of property", "Offender otherwise dealt with",
    ];

    /// <summary>
    /// The outcome groups the report's justice outcomes show, in order, each with the data.police.uk outcome categories
    /// it holds. An outcome in none of them falls in <see cref="OtherGroup"/>.
    /// </summary>
    public static IReadOnlyList<(string Group, IReadOnlyList<string> Outcomes)> Groups { get; } =
    [
        ("Charged or summonsed (including court outcomes)", ChargedOrCourt),
        ("Under investigation", ["Under investigation"]),
        ("No suspect identified", ["Investigation complete; no suspect identified"]),
        ("Evidential difficulties: unable to prosecute suspect", ["Unable to prosecute suspect"]),
        ("Not in the public interest", ["Further investigation is not in the public interest", "Formal action is not in the public interest"]),
        ("Out-of-court outcome (caution, local resolution, warning, penalty notice)",
            ["Offender given a caution", "Local resolution", "Offender given a drugs possession warning", "Offender given penalty notice", "Offender given a penalty notice"]),
        ("Action taken by another organisation", ["Action to be taken by another organisation"]),
    ];

    /// <summary>The group of any outcome no other group holds (e.g. "Status update unavailable").</summary>
    public const string OtherGroup = "Other or status unavailable";

    /// <summary>SQL for the group of <paramref name="outcome"/> (NULL when it is NULL).</summary>
    public static string GroupSql(string outcome) =>
        $"CASE WHEN {outcome} IS NULL THEN NULL " +
        string.Concat(Groups.Select(g => $"WHEN {outcome} IN ({string.Join(", ", g.Outcomes.Select(Store.AssessmentStore.Literal))}) THEN {Store.AssessmentStore.Literal(g.Group)} ")) +
        $"ELSE {Store.AssessmentStore.Literal(OtherGroup)} END";

    /// <summary>Builds <see cref="Table"/> from <c>police_outcomes</c>: one row per Crime ID, its outcome of the latest month.</summary>
    internal static string StageSql => $"""
        CREATE OR REPLACE TEMP TABLE {Table} AS
        SELECT 'police_street' AS src, crime_id, arg_max(outcome_type, month) AS outcome_type
        FROM (SELECT nullif(trim(crime_id), '') AS crime_id, month, nullif(trim(outcome_type), '') AS outcome_type FROM police_outcomes)
        WHERE crime_id IS NOT NULL AND outcome_type IS NOT NULL
        GROUP BY crime_id
        """;

    /// <summary>SQL for "this outcome follows a charge": NULL when <paramref name="outcome"/> is NULL.</summary>
    internal static string ChargedSql(string outcome) =>
        $"CASE WHEN {outcome} IS NULL THEN NULL ELSE list_contains(CAST([{string.Join(", ", ChargedOrCourt.Select(Store.AssessmentStore.Literal))}] AS VARCHAR[]), {outcome}) END";
}
