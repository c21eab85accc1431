using System.Globalization;
using NeedsAssessment.Geography;
using NeedsAssessment.Store;

namespace NeedsAssessment.Classify;

/// <summary>
/// The classification stage: builds <c>sv_events</c>, one row per record of every source (police recorded crime,
/// police.uk street crime, ED assaults, assault admissions, ambulance assault call-outs), each with its category,
/// statutory maximum penalty, harm weight, cohort flags, LSOA 2021 code and whether the definition counts it.
/// Everything runs as SQL inside DuckDB; C# only assembles the statements.
/// </summary>
/// <remarks>
/// Every record is kept, with <c>in_definition</c> and an <c>exclusion_reason</c>, rather than only the included
/// ones: that way records whose code matches no mapping stay in the table and are counted (<c>mapped = false</c>,
/// <c>sv_unmapped</c>), switching definition never loses data, and the analyst can see why a record does not count.
/// Count serious violence with <c>WHERE in_definition</c>.
/// <para>Tables written: <c>sv_event_rows</c>, <c>sv_event_codes</c> and <c>sv_event_lsoa_codes</c>, read through the view <c>sv_events</c>; <c>sv_event_lsoa_split</c>,
/// read through the view <c>sv_event_lsoa</c> (apportionment of split 2011 LSOAs); <c>sv_unmapped</c>,
/// <c>sv_lsoa_unmatched</c>, <c>sv_penalty_recall</c> (offence codes whose maximum penalty is unsourced), <c>sv_stop_search</c>
/// (police.uk stop and search records placed in LSOAs, <see cref="StopSearchPlacement"/>), <c>ref_*</c>
/// (reference files), and one appended row of <c>sv_runs</c>.</para>
/// </remarks>
public static class Classifier
{
    /// <summary>Columns of <c>sv_events</c>, in order.</summary>
    public static IReadOnlyList<string> EventColumns { get; } =
    [
        "event_id", "source", "source_load_id", "source_row", "month", "event_datetime",
        "lsoa_code_given", "lsoa21_code", "lsoa_status", "lsoa_split", "lsoa_candidates", "x", "y", "xy_converted",
        "source_code", "code_description", "mapped", "category", "offence_group", "offence_subgroup",
        "max_penalty_days", "max_penalty_life", "max_penalty_known", "summary_only", "penalty_tier",
        "severity_is_range", "penalty_min_days", "penalty_min_life", "penalty_max_days", "penalty_max_life", "penalty_confidence",
        "cchi_days", "css_weight",
        "domestic_abuse", "vawg", "hate", "hate_strands", "weapon_enabled", "knife", "firearm", "victim_under25",
        "public_place", "night_time_economy", "victim_age_band", "victim_sex", "suspect_age_band", "spiking", "outcome", "charged",
        "in_definition", "exclusion_reason", "definition_name", "definition_version",
    ];

    /// <summary>
    /// Columns of <c>sv_events</c> that follow from other columns of the same row: the view computes them from
    /// <c>sv_event_rows</c> when read, so they are never written. Writing the 6,000,000 rows of a national year cost
    /// about 0.3 CPU seconds a column, and the event id's strings about 1.6; readers see the same columns, types and values.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> DerivedEventColumns = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["event_id"] = "k.source || ':' || r.source_load_id || ':' || r.source_row",
        ["mapped"] = "k.category IS NOT NULL",
        ["penalty_tier"] = """
            CASE
                WHEN k.severity_is_range OR k.max_penalty_known IS DISTINCT FROM true THEN 'unknown'
                WHEN k.max_penalty_life THEN 'life'
                WHEN k.summary_only THEN 'summary_only'
                WHEN k.max_penalty_days >= 3650 THEN '10y+'
                WHEN k.max_penalty_days >= 1825 THEN '5-<10y'
                WHEN k.max_penalty_days >= 730 THEN '2-<5y'
                WHEN k.max_penalty_days IS NOT NULL THEN '<2y'
                ELSE 'unknown'
            END
            """,
        ["charged"] = PoliceUkOutcomes.ChargedSql("k.outcome"),
        ["in_definition"] = "k.code_exclusion_reason IS NULL AND NOT r.qualifier_not_met",
        ["exclusion_reason"] = "coalesce(k.code_exclusion_reason, CASE WHEN r.qualifier_not_met THEN 'qualifier_not_met' END)",
    };

    /// <summary>Columns of <c>sv_events</c> read from <c>sv_event_lsoa_codes</c> (see <see cref="LsoaCodesSql"/>).</summary>
    private static readonly string[] LsoaColumns = ["lsoa_code_given", "lsoa21_code", "lsoa_status", "lsoa_split", "lsoa_candidates"];

    /// <summary>Columns of <c>sv_events</c> read from <c>sv_event_codes</c> (see <see cref="CodesSql"/>).</summary>
    private static readonly string[] CodeColumns =
    [
        "source", "source_code", "category", "code_description", "offence_group", "offence_subgroup", "max_penalty_days", "max_penalty_life", "max_penalty_known",
        "summary_only", "severity_is_range", "penalty_min_days", "penalty_min_life", "penalty_max_days", "penalty_max_life",
        "penalty_confidence", "cchi_days", "css_weight", "outcome",
    ];

    /// <summary>
    /// The view <c>sv_events</c> over <c>sv_event_rows</c>: every column of its schema (data-schemas/outputs/sv-events),
    /// in order, the derived ones computed from the row and the definition's name and version as constants.
    /// </summary>
    /// <remarks>
    /// A view rather than a table with virtual generated columns: DuckDB writes a table made by CREATE TABLE AS with
    /// less work than the same rows inserted into a table made first (22.9 against 29.8 CPU s for a national year,
    /// measured side by side), and a generated column needs the table made first.
    /// </remarks>
    internal static string EventsViewSql(SeriousViolenceDefinition d)
    {
        var schema = ResultSchema.All["sv_events"];
        var derived = new Dictionary<string, string>(DerivedEventColumns, StringComparer.Ordinal)
        {
            ["definition_name"] = AssessmentStore.Literal(d.Name),
            ["definition_version"] = AssessmentStore.Literal(d.Version),
        };
        var fromCodes = new HashSet<string>(CodeColumns, StringComparer.Ordinal);
        var fromLsoas = new HashSet<string>(LsoaColumns, StringComparer.Ordinal);
        var columns = schema.Fields.Select(f => derived.TryGetValue(f.Name, out var expression)
            ? $"CAST({expression} AS {ResultSchema.SqlType(f.Type)}) AS {AssessmentStore.Quote(f.Name)}"
            : (fromCodes.Contains(f.Name) ? "k." : fromLsoas.Contains(f.Name) ? "l." : "r.") + AssessmentStore.Quote(f.Name));
        // Every record's code and LSOA code have their row in sv_event_codes and sv_event_lsoa_codes (all three come from
        // the same records, sv_keys), so the joins neither drop nor repeat a record.
        return $"""
            CREATE OR REPLACE VIEW sv_events AS
            SELECT {string.Join(",\n    ", columns)}
            FROM sv_event_rows r
            JOIN sv_event_codes k ON k.code_id = r.code_id
            JOIN sv_event_lsoa_codes l ON l.lsoa_id = r.lsoa_id
            """;
    }

    /// <summary>Drops a table of that name: a store made before the table became a view holds it as one, which CREATE OR REPLACE VIEW refuses to replace.</summary>
    internal static string DropTableSql(AssessmentStore store, string name) =>
        // duckdb_tables() lists base tables only, from the catalogue, as the store's other lookups ask it (not information_schema).
        store.Scalar($"SELECT count(*) FROM duckdb_tables() WHERE table_name = {AssessmentStore.Literal(name)}") is long n && n > 0
            ? $"DROP TABLE {AssessmentStore.Quote(name)};"
            : "";

    /// <summary>
    /// Classifies every source record in the store under a definition, replacing the previous <c>sv_events</c>.
    /// </summary>
    /// <param name="store">The assessment store holding the ingested canonical tables.</param>
    /// <param name="definition">The local definition; the Home Office core definition when null.</param>
    /// <returns>Counts per source, unmapped codes and LSOA mapping outcomes (also written to the store).</returns>
    /// <exception cref="UserErrorException">The definition is invalid (for example it tries to include terrorism), or the store is read-only.</exception>
    public static ClassificationResult Run(AssessmentStore store, SeriousViolenceDefinition? definition = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        definition ??= SeriousViolenceDefinition.LoadDefault();
        definition.EnsureValid();
        if (store.ReadOnly)
            throw new UserErrorException($"Store '{store.Path}' is open read-only; classification writes sv_events. Open it without --read-only.");

        StopSearchPlacementResult stopSearch;
        List<SourceCounts> counts;
        using (var tx = store.Connection.BeginTransaction())
        {
            PhaseTrace.Mark("classify: start");
            ReferenceData.LoadInto(store);
            var points = StagePoints(store);
            PhaseTrace.Mark($"classify: {points:N0} distinct police.uk points projected");
            // Without any police.uk outcome record the join would match nothing, yet it trims and carries every
            // street record's 64-character Crime ID to probe it: a fifth of a national year's classification.
            var outcomes = store.TableExists("police_outcomes") && store.TableExists(ClassificationSources.PoliceStreet)
                && store.ScalarOrNull("SELECT 1 FROM police_outcomes LIMIT 1") is not null;
            if (outcomes) store.Execute(PoliceUkOutcomes.StageSql);
            store.Execute(SourceUnionSql(store, outcomes));
            PhaseTrace.Mark("classify: sv_src (source union)");
            store.Execute(KeysSql(outcomes));
            store.Execute(CodesSql(definition));
            store.Execute(LsoaCodesSql(LookupAvailable(store), Known2021Tables(store)));
            store.Execute(LsoaRawSql);
            PhaseTrace.Mark("classify: codes and LSOA codes");
            store.Execute(EventsSql(definition, outcomes, points: store.TableExists(PointsTable)));
            store.Execute(DropTableSql(store, "sv_events") + EventsViewSql(definition));
            PhaseTrace.Mark("classify: sv_events");
            store.Execute($"DROP VIEW IF EXISTS sv_src; DROP TABLE IF EXISTS {KeysTable}; DROP TABLE IF EXISTS {LsoaRawTable}; DROP TABLE IF EXISTS {PointsTable}; DROP TABLE IF EXISTS {PoliceUkOutcomes.Table}");
            store.Execute(SideTablesSql(store));
            PhaseTrace.Mark("classify: side tables");
            stopSearch = StopSearchPlacement.Run(store);
            PhaseTrace.Mark($"classify: {stopSearch.Records:N0} stop and search records placed from {stopSearch.DistinctPoints:N0} distinct points");
            counts = Count(store);
            store.Execute(RunSql(definition, counts));
            tx.Commit();
            PhaseTrace.Mark("classify: counts, run row, commit");
        }
        return ReadResult(store, definition, counts) with { StopSearch = stopSearch };
    }

    /// <summary>Per source: records, mapped, in the definition, severity given as a range, and each LSOA status.</summary>
    private sealed record SourceCounts(SourceClassificationCount Source, long Given2021, long Mapped2011, long Split2011, long Unmatched, long Missing, long Unchecked, long Split);

    /// <summary>
    /// What the run row and the result report of sv_events, in one pass. Why one: each pass reads the view's join of
    /// every record, and the run row and the result took three (about 0.9 CPU s of a national year). Every count reads
    /// only a record's code, LSOA code and qualifier, so the rows are counted per (code, LSOA code, qualifier) first and
    /// the view's columns computed once per group, with the view's own expressions: a national year's 6,000,000
    /// records make a few hundred thousand groups, and the pass took 1.0 s against about 0.2.
    /// </summary>
    private static List<SourceCounts> Count(AssessmentStore store) =>
        store.Query($"""
            WITH r AS (SELECT code_id, lsoa_id, qualifier_not_met, count(*) AS n FROM sv_event_rows GROUP BY ALL),
            e AS (
                SELECT k.source, {DerivedEventColumns["mapped"]} AS mapped, {DerivedEventColumns["in_definition"]} AS in_definition,
                    k.severity_is_range, l.lsoa_status, l.lsoa_split, r.n
                FROM r
                JOIN sv_event_codes k ON k.code_id = r.code_id
                JOIN sv_event_lsoa_codes l ON l.lsoa_id = r.lsoa_id)
            SELECT source, CAST(sum(n) AS BIGINT), CAST(sum(n) FILTER (WHERE mapped) AS BIGINT), CAST(sum(n) FILTER (WHERE NOT mapped) AS BIGINT),
                CAST(sum(n) FILTER (WHERE in_definition) AS BIGINT), bool_or(severity_is_range),
                CAST(sum(n) FILTER (WHERE lsoa_status = 'given_2021') AS BIGINT), CAST(sum(n) FILTER (WHERE lsoa_status = 'mapped_2011') AS BIGINT),
                CAST(sum(n) FILTER (WHERE lsoa_status = 'split_2011') AS BIGINT), CAST(sum(n) FILTER (WHERE lsoa_status = 'unmatched') AS BIGINT),
                CAST(sum(n) FILTER (WHERE lsoa_status = 'missing') AS BIGINT), CAST(sum(n) FILTER (WHERE lsoa_status = 'unchecked_no_lookup') AS BIGINT),
                CAST(sum(n) FILTER (WHERE lsoa_split) AS BIGINT)
            FROM e GROUP BY source ORDER BY source
            """, r => new SourceCounts(
                new SourceClassificationCount(r.GetString(0), L(r.GetValue(1)), L(r.GetValue(2)), L(r.GetValue(3)), L(r.GetValue(4)), r.GetBoolean(5)),
                L(r.GetValue(6)), L(r.GetValue(7)), L(r.GetValue(8)), L(r.GetValue(9)), L(r.GetValue(10)), L(r.GetValue(11)), L(r.GetValue(12))));

    /// <summary>A count as DuckDB returns it (BIGINT or HUGEINT), NULL as 0.</summary>
    private static long L(object? v) => v is null or DBNull ? 0 : Convert.ToInt64(v, CultureInfo.InvariantCulture);

    internal static bool LookupAvailable(AssessmentStore store) =>
        store.TableExists("lsoa_lookup") && Convert.ToInt64(store.Scalar("SELECT count(*) FROM lsoa_lookup"), CultureInfo.InvariantCulture) > 0;

    /// <summary>
    /// Other tables keyed on LSOA 2021 codes. ONS publishes a best-fit 2011->2021 lookup in which the 2021 codes
    /// created by splits never appear, so a genuine 2021 code can be missing from the lookup; these tables
    /// recognise it instead of reporting it unmatched.
    /// </summary>
    internal static IReadOnlyList<string> Known2021Tables(AssessmentStore store) =>
        new[] { "centroids", "boundaries", "geography", "population", "population_syoa" }
            .Where(t => store.TableExists(t) && store.Schemas.All.Any(s => s.Table == t && s.Field("lsoa21_code") is not null))
            .ToList();

    /// <summary>Staging table of police.uk's distinct snap points with their BNG coordinates (dropped after use).</summary>
    internal const string PointsTable = "sv_points";

    /// <summary>
    /// DuckDB has no spatial extension offline; police.uk gives WGS84, everything else is in BNG metres. Each distinct
    /// point is projected once in C# and joined back, instead of a managed scalar function called for every record.
    /// </summary>
    internal static int StagePoints(AssessmentStore store) =>
        store.TableExists(ClassificationSources.PoliceStreet)
            ? DistinctPointProjection.Stage(store.Connection, "SELECT longitude, latitude FROM police_street", PointsTable)
            : 0;

    private const string UnderTwentyFiveBands = "'0-9', '10-17', '18-24', '0-4', '5-9', '10-14', '15-19', '20-24'";

    private static string Under25(string column) =>
        $"CASE WHEN {column} IS NULL OR {column} = 'unknown' THEN NULL ELSE {column} IN ({UnderTwentyFiveBands}) END";

    /// <summary>One SELECT per source into a common shape; absent source tables are skipped.</summary>
    internal static string SourceUnionSql(AssessmentStore store, bool outcomes = true)
    {
        var parts = new List<string>();
        if (store.TableExists(ClassificationSources.PoliceRecordedCrime))
            parts.Add($"""
                SELECT 'police_recorded_crime' AS source, load_id, source_row,
                    CAST(date_trunc('month', coalesce(recorded_date, CAST(offence_datetime AS DATE))) AS DATE) AS month,
                    offence_datetime AS event_datetime,
                    lsoa_code AS lsoa_code_raw,
                    easting AS x, northing AS y, false AS xy_converted,
                    nullif(upper(trim(ho_offence_code)), '') AS source_code,
                    domestic_abuse,
                    nullif(trim(hate_strands), '') IS NOT NULL AS hate,
                    nullif(trim(hate_strands), '') AS hate_strands,
                    CASE WHEN weapon IS NULL THEN NULL ELSE weapon IN ('knife_or_sharp_instrument', 'firearm', 'other') END AS src_weapon_enabled,
                    CASE WHEN weapon IS NULL THEN NULL ELSE weapon = 'knife_or_sharp_instrument' END AS src_knife,
                    CASE WHEN weapon IS NULL THEN NULL ELSE weapon = 'firearm' END AS src_firearm,
                    {Under25("victim_age_band")} AS victim_under25,
                    CASE WHEN location_type IS NULL THEN NULL ELSE location_type = 'public_place' END AS public_place,
                    nte_venue AS night_time_economy,
                    victim_age_band, victim_sex, suspect_age_band,
                    -- The offence within its classification (088/05 or 88/5 alike), which names spiking.
                    CASE WHEN regexp_full_match(trim(ho_offence_subcode), '[0-9]+/[0-9]+')
                         THEN CAST(CAST(split_part(trim(ho_offence_subcode), '/', 1) AS INTEGER) AS VARCHAR) || '/'
                              || CAST(CAST(split_part(trim(ho_offence_subcode), '/', 2) AS INTEGER) AS VARCHAR) END AS source_subcode
                FROM police_recorded_crime
                """);
        if (store.TableExists(ClassificationSources.PoliceStreet))
            parts.Add($"""
                SELECT 'police_street' AS source, ps.load_id, ps.source_row, ps.month,
                    CAST(NULL AS TIMESTAMP) AS event_datetime,
                    ps.lsoa_code AS lsoa_code_raw,
                    ps.longitude, ps.latitude,
                    ps.longitude IS NOT NULL AND ps.latitude IS NOT NULL AS xy_converted,
                    nullif(trim(crime_type), '') AS source_code,
                    {(outcomes ? "nullif(trim(ps.crime_id), '')" : "CAST(NULL AS VARCHAR)")} AS crime_id,
                    -- As written: normalised once per distinct outcome in sv_event_codes. Trimming it on each record cost
                    -- 1.2 CPU s a pass over a national year (DuckDB stores the column FSST-compressed, so each is decoded).
                    ps.last_outcome_category AS street_outcome
                FROM police_street ps
                """);
        if (store.TableExists(ClassificationSources.HealthEdAssault))
            parts.Add($"""
                SELECT 'health_ed_assault' AS source, load_id, source_row,
                    CAST(date_trunc('month', coalesce(assault_datetime, arrival_datetime)) AS DATE) AS month,
                    coalesce(assault_datetime, arrival_datetime) AS event_datetime,
                    lsoa_code AS lsoa_code_raw,
                    false AS xy_converted,
                    nullif(lower(trim(assault_method)), '') AS source_code,
                    {Under25("age_band")} AS victim_under25,
                    CASE WHEN assault_location_type IS NULL OR assault_location_type = 'not_known' THEN NULL
                         ELSE assault_location_type IN ('street_or_public_place', 'licensed_premises') END AS public_place,
                    CASE WHEN assault_location_type IS NULL OR assault_location_type = 'not_known' THEN NULL
                         ELSE assault_location_type = 'licensed_premises' END AS night_time_economy,
                    age_band AS victim_age_band, sex AS victim_sex
                FROM health_ed_assault
                """);
        if (store.TableExists(ClassificationSources.HealthAdmission))
            parts.Add($"""
                SELECT 'health_admission' AS source, load_id, source_row,
                    CAST(date_trunc('month', admission_date) AS DATE) AS month,
                    CAST(NULL AS TIMESTAMP) AS event_datetime,
                    lsoa_code AS lsoa_code_raw,
                    false AS xy_converted,
                    nullif(upper(left(replace(trim(icd10_cause), '.', ''), 3)), '') AS source_code,
                    {Under25("age_band")} AS victim_under25,
                    age_band AS victim_age_band, sex AS victim_sex
                FROM health_admission
                """);
        if (store.TableExists(ClassificationSources.AmbulanceAssault))
            parts.Add($"""
                SELECT 'ambulance_assault' AS source, load_id, source_row,
                    CAST(date_trunc('month', call_datetime) AS DATE) AS month,
                    call_datetime AS event_datetime,
                    lsoa_code AS lsoa_code_raw,
                    false AS xy_converted,
                    '{ReferenceData.AmbulanceCode}' AS source_code,
                    {Under25("age_band")} AS victim_under25,
                    age_band AS victim_age_band, sex AS victim_sex
                FROM ambulance_assault
                """);
        // A typed empty row keeps every column present (and typed) even when only some sources exist.
        parts.Insert(0, """
            SELECT CAST(NULL AS VARCHAR) AS source, CAST(NULL AS BIGINT) AS load_id, CAST(NULL AS BIGINT) AS source_row,
                CAST(NULL AS DATE) AS month, CAST(NULL AS TIMESTAMP) AS event_datetime, CAST(NULL AS VARCHAR) AS lsoa_code_raw,
                CAST(NULL AS DOUBLE) AS x, CAST(NULL AS DOUBLE) AS y, CAST(NULL AS DOUBLE) AS longitude, CAST(NULL AS DOUBLE) AS latitude,
                CAST(NULL AS BOOLEAN) AS xy_converted,
                CAST(NULL AS VARCHAR) AS source_code, CAST(NULL AS BOOLEAN) AS domestic_abuse, CAST(NULL AS BOOLEAN) AS hate,
                CAST(NULL AS VARCHAR) AS hate_strands, CAST(NULL AS BOOLEAN) AS src_weapon_enabled, CAST(NULL AS BOOLEAN) AS src_knife,
                CAST(NULL AS BOOLEAN) AS src_firearm, CAST(NULL AS BOOLEAN) AS victim_under25, CAST(NULL AS BOOLEAN) AS public_place,
                CAST(NULL AS BOOLEAN) AS night_time_economy, CAST(NULL AS VARCHAR) AS victim_age_band, CAST(NULL AS VARCHAR) AS victim_sex,
                CAST(NULL AS VARCHAR) AS suspect_age_band, CAST(NULL AS VARCHAR) AS source_subcode,
                CAST(NULL AS VARCHAR) AS crime_id, CAST(NULL AS VARCHAR) AS street_outcome
            WHERE false
            """);
        // A view, not a table: sv_events reads it once, so materialising every record first was a second full write.
        // police.uk's points are joined to their projection in EventsSql, not here: the pass for the keys would pay it too.
        return "CREATE OR REPLACE TEMP VIEW sv_src AS\n" + string.Join("\nUNION ALL BY NAME\n", parts);
    }

    private static string List(IEnumerable<string> values) =>
        "CAST([" + string.Join(", ", values.Select(AssessmentStore.Literal)) + "] AS VARCHAR[])";

    /// <summary>
    /// <c>sv_event_codes</c>: what the reference tables say of each (source, code, outcome) the records carry, one row
    /// per triple: category, description, offence group, maximum penalty, harm weights, the weapon an ED or admission
    /// code names, and whether the definition excludes the code and why. Every record of a triple shares them, so
    /// <c>sv_event_rows</c> keeps the triple's id alone and the view <c>sv_events</c> joins them back: writing them on
    /// each of a national year's 6,000,000 records cost about 7 CPU s, and the outcome and exclusion reason, a string
    /// each, another 2.3 CPU s (against none for the few hundred triples a year of police.uk outcomes makes).
    /// </summary>
    /// <remarks>
    /// Five of the six reasons follow from the code alone, in the order the first that applies wins; only the sixth,
    /// <c>qualifier_not_met</c>, reads the record's own flags, so each row of <see cref="EventsSql"/> keeps that one
    /// as a flag and <c>sv_events</c> gives the code's reason before it.
    /// </remarks>
    internal static string CodesSql(SeriousViolenceDefinition d) => $"""
        CREATE OR REPLACE TABLE sv_event_codes AS
        SELECT *,
            CASE
                WHEN category = 'terrorism' THEN 'terrorism_excluded_by_duty'
                WHEN category IS NULL THEN 'unmapped_code'
                WHEN NOT list_contains({List(d.Sources)}, source) THEN 'source_not_in_definition'
                WHEN list_contains({List(d.ExcludeCodes)}, source_code) THEN 'code_excluded'
                WHEN NOT (list_contains({List(d.Categories)}, category) OR list_contains({List(d.IncludeCodes)}, source_code))
                    THEN 'category_not_in_definition'
            END AS code_exclusion_reason,
            list_contains({List(d.RestrictExemptCategories)}, category) AS restriction_exempt
        FROM (
        SELECT s.code_id, s.source, s.source_code, s.outcome_key, nullif(trim(s.outcome_key), '') AS outcome,
            CASE s.source
                WHEN 'police_recorded_crime' THEN oc.sv_category
                WHEN 'police_street' THEN pt.sv_category
                WHEN 'health_admission' THEN ic.sv_category
                WHEN 'health_ed_assault' THEN em.sv_category
                WHEN 'ambulance_assault' THEN 'violence_against_the_person' END AS category,
            coalesce(oc.description, ic.description, em.description,
                CASE WHEN pt.crime_type IS NOT NULL THEN 'police.uk crime type (coarse)' END,
                CASE WHEN s.source = 'ambulance_assault' THEN 'Ambulance assault call-out' END) AS code_description,
            oc.offence_group, oc.offence_subgroup,
            oc.max_penalty_days, oc.max_penalty_life, oc.max_penalty_known, oc.summary_only,
            s.source = 'police_street' AS severity_is_range,
            CASE WHEN s.source = 'police_street' THEN pt.penalty_min_days ELSE oc.max_penalty_days END AS penalty_min_days,
            CASE WHEN s.source = 'police_street' THEN pt.penalty_min_life ELSE oc.max_penalty_life END AS penalty_min_life,
            CASE WHEN s.source = 'police_street' THEN pt.penalty_max_days ELSE oc.max_penalty_days END AS penalty_max_days,
            CASE WHEN s.source = 'police_street' THEN pt.penalty_max_life ELSE oc.max_penalty_life END AS penalty_max_life,
            CASE WHEN s.source = 'police_street' THEN 'range' ELSE oc.penalty_confidence END AS penalty_confidence,
            oc.cchi_days, oc.css_weight,
            coalesce(ic.weapon_enabled, em.weapon_enabled) AS code_weapon_enabled,
            coalesce(ic.knife, em.knife) AS code_knife,
            coalesce(ic.firearm, em.firearm) AS code_firearm
        FROM (SELECT source, source_code, outcome_key, row_number() OVER (ORDER BY source, source_code NULLS FIRST, outcome_key NULLS FIRST) AS code_id
              FROM (SELECT source, source_code, outcome_key FROM sv_keys WHERE code_row = 1)) s
        -- Each reference table carries its source as a key so every join is a pure equi-join: a condition on
        -- the left side alone (s.source = '...') turns DuckDB's LEFT JOIN into a nested loop over all records.
        LEFT JOIN (SELECT 'police_recorded_crime' AS src, * FROM ref_offence_codes) oc ON oc.src = s.source AND oc.code = s.source_code
        LEFT JOIN (SELECT 'police_street' AS src, * FROM ref_police_uk_crime_types) pt ON pt.src = s.source AND pt.crime_type = s.source_code
        LEFT JOIN (SELECT 'health_admission' AS src, * FROM ref_icd10_assault_codes) ic ON ic.src = s.source AND ic.code = s.source_code
        LEFT JOIN (SELECT 'health_ed_assault' AS src, * FROM ref_ed_assault_methods) em ON em.src = s.source AND em.assault_method = s.source_code
        )
        """;

    /// <summary>Staging table of the records' distinct (source, code, outcome) triples and distinct LSOA codes as written (dropped after use).</summary>
    internal const string KeysTable = "sv_keys";

    /// <summary>
    /// <c>sv_keys</c>: the distinct (source, code, outcome) triples the records carry (<c>code_row</c> = 1) and the
    /// distinct LSOA codes they give, as written (<c>code_row</c> = 0), from one pass over them, for
    /// <see cref="CodesSql"/> and <see cref="LsoaCodesSql"/>. Grouping sets rather than the distinct combinations: a
    /// national year has 400,000 combinations but 14 triples and 35,000 codes.
    /// </summary>
    /// <param name="outcomes">True when police.uk outcome records are staged: the outcome is then the record's latest from them.</param>
    internal static string KeysSql(bool outcomes) => $"""
        CREATE OR REPLACE TEMP TABLE {KeysTable} AS
        SELECT grouping(lsoa_code_raw) AS code_row, source, source_code, outcome_key, lsoa_code_raw
        FROM (SELECT s.source, s.source_code, {OutcomeSql(outcomes)} AS outcome_key, s.lsoa_code_raw
              FROM sv_src s {OutcomeJoinSql(outcomes)}WHERE s.source IS NOT NULL)
        GROUP BY GROUPING SETS ((source, source_code, outcome_key), (lsoa_code_raw))
        """;

    /// <summary>
    /// A police.uk record's outcome as a key: its latest from the outcomes files when staged (normalised), else the
    /// street file's own as written (<see cref="CodesSql"/> normalises it once per distinct value).
    /// </summary>
    private static string OutcomeSql(bool outcomes) => outcomes ? "coalesce(oo.outcome_type, s.street_outcome)" : "s.street_outcome";

    /// <summary>
    /// The join to the staged outcomes (<see cref="PoliceUkOutcomes.Table"/>) that <see cref="OutcomeSql"/> reads; none
    /// without them: DuckDB keeps a LEFT JOIN to an empty table and reads the key for every record.
    /// </summary>
    private static string OutcomeJoinSql(bool outcomes) => outcomes
        ? $"LEFT JOIN {PoliceUkOutcomes.Table} oo ON oo.src = s.source AND oo.crime_id = s.crime_id\n"
        : "";

    /// <summary>An LSOA code as records give it, normalised: upper case, trimmed, blank as NULL.</summary>
    private static string LsoaGiven(string raw) => $"nullif(upper(trim({raw})), '')";

    /// <summary>Staging table of each LSOA code as written in the records with its <c>sv_event_lsoa_codes</c> row (dropped after use).</summary>
    internal const string LsoaRawTable = "sv_lsoa_raw";

    /// <summary>
    /// <see cref="LsoaRawTable"/>: each distinct code as written, with the <c>lsoa_id</c> of its normalised form. Why:
    /// the records are then joined on the code as written, and normalising it on each record (upper case, trim) cost
    /// about 0.65 CPU s a pass over a national year, in the pass for the keys and again in the one writing the rows.
    /// </summary>
    internal static string LsoaRawSql => $"""
        CREATE OR REPLACE TEMP TABLE {LsoaRawTable} AS
        SELECT k.lsoa_code_raw, lc.lsoa_id
        FROM {KeysTable} k JOIN sv_event_lsoa_codes lc ON lc.lsoa_code_given IS NOT DISTINCT FROM {LsoaGiven("k.lsoa_code_raw")}
        WHERE k.code_row = 0
        """;

    /// <summary>
    /// <c>sv_event_lsoa_codes</c>: what the lookup says of each LSOA code the records give, one row per code (NULL included):
    /// its status, its LSOA 2021 code and whether it split. Every record with the code shares them, so <c>sv_event_rows</c>
    /// keeps the code's <c>lsoa_id</c> alone and the view <c>sv_events</c> joins them back. Why: written on each of a
    /// national year's 6,000,000 records, these three strings, a flag and a count cost about 4 of the 10 CPU s of writing
    /// the table; a code's row is looked up once instead of by two joins per record.
    /// </summary>
    internal static string LsoaCodesSql(bool lookup, IReadOnlyList<string> known2021Tables)
    {
        var other2021 = string.Concat(known2021Tables.Select(t =>
            $"\n      UNION SELECT upper(trim(lsoa21_code)) FROM {AssessmentStore.Quote(t)} WHERE lsoa21_code IS NOT NULL"));
        var lsoa = lookup
            ? """
              CASE WHEN c.lsoa_code_given IS NULL THEN 'missing'
                   WHEN l21.lsoa21_code IS NOT NULL THEN 'given_2021'
                   WHEN l11.n = 1 THEN 'mapped_2011'
                   WHEN l11.n > 1 THEN 'split_2011'
                   ELSE 'unmatched' END
              """
            : "CASE WHEN c.lsoa_code_given IS NULL THEN 'missing' ELSE 'unchecked_no_lookup' END";
        var lookupCtes = lookup
            ? $$"""
              lk AS (SELECT DISTINCT upper(trim(lsoa11_code)) AS lsoa11_code, upper(trim(lsoa21_code)) AS lsoa21_code
                     FROM lsoa_lookup WHERE lsoa11_code IS NOT NULL AND lsoa21_code IS NOT NULL),
              l21 AS (SELECT DISTINCT lsoa21_code FROM (SELECT lsoa21_code FROM lk{{other2021}})),
              l11 AS (SELECT lsoa11_code, min(lsoa21_code) AS first21, count(*) AS n FROM lk GROUP BY lsoa11_code),
              """
            : """
              l21 AS (SELECT CAST(NULL AS VARCHAR) AS lsoa21_code WHERE false),
              l11 AS (SELECT CAST(NULL AS VARCHAR) AS lsoa11_code, CAST(NULL AS VARCHAR) AS first21, CAST(NULL AS BIGINT) AS n WHERE false),
              """;
        return $"""
            CREATE OR REPLACE TABLE sv_event_lsoa_codes AS
            WITH {lookupCtes}
            c AS (SELECT lsoa_code_given, row_number() OVER (ORDER BY lsoa_code_given NULLS FIRST) AS lsoa_id
                  FROM (SELECT DISTINCT {LsoaGiven("lsoa_code_raw")} AS lsoa_code_given FROM {KeysTable} WHERE code_row = 0))
            SELECT c.lsoa_id, c.lsoa_code_given,
                coalesce(l21.lsoa21_code, l11.first21, CASE WHEN {(lookup ? "false" : "true")} THEN c.lsoa_code_given END) AS lsoa21_code,
                {lsoa} AS lsoa_status,
                l21.lsoa21_code IS NULL AND coalesce(l11.n > 1, false) AS lsoa_split,
                CASE WHEN l21.lsoa21_code IS NOT NULL THEN 1 ELSE l11.n END AS lsoa_candidates
            FROM c
            LEFT JOIN l21 ON l21.lsoa21_code = c.lsoa_code_given
            -- A 2011 match counts only when the code is not a 2021 code (l21 wins); that is checked in the
            -- projections, not in ON, so the join stays a hash join (see the reference joins above).
            LEFT JOIN l11 ON l11.lsoa11_code = c.lsoa_code_given
            """;
    }

    /// <param name="d">The definition.</param>
    /// <param name="outcomes">True when police.uk outcome records are staged (<see cref="PoliceUkOutcomes"/>).</param>
    /// <param name="points">True when police.uk's points are staged with their projection (<see cref="StagePoints"/>).</param>
    internal static string EventsSql(SeriousViolenceDefinition d, bool outcomes = false, bool points = true)
    {
        var pointJoin = points ? $"LEFT JOIN {PointsTable} p ON p.longitude = s.longitude AND p.latitude = s.latitude\n                " : "";
        // The definition's qualifiers are the one reason to exclude a record that reads the record itself (the others
        // are the code's, in sv_event_codes); without qualifiers no record fails them.
        var qualifierNotMet = d.RestrictToAny.Count == 0
            ? "false"
            : "coalesce(NOT e.restriction_exempt AND NOT (" + string.Join(" OR ", d.RestrictToAny.Select(q => $"coalesce({AssessmentStore.Quote(q)}, false)")) + "), false)";
        return $"""
            CREATE OR REPLACE TABLE sv_event_rows AS
            WITH c AS (
                SELECT s.* EXCLUDE (x, y), {(points ? "coalesce(p.x, s.x)" : "s.x")} AS x, {(points ? "coalesce(p.y, s.y)" : "s.y")} AS y,
                    k.code_id, k.category, k.offence_subgroup, k.restriction_exempt, lr.lsoa_id,
                    coalesce(s.src_weapon_enabled, k.code_weapon_enabled) AS weapon_enabled,
                    coalesce(s.src_knife, k.code_knife) AS knife,
                    coalesce(s.src_firearm, k.code_firearm) AS firearm,
                    CASE WHEN s.source_subcode IS NOT NULL THEN coalesce(sc.spiking, false) END AS spiking
                FROM sv_src s
                {OutcomeJoinSql(outcomes)}JOIN sv_event_codes k ON k.source = s.source AND k.source_code IS NOT DISTINCT FROM s.source_code
                    AND k.outcome_key IS NOT DISTINCT FROM {OutcomeSql(outcomes)}
                JOIN {LsoaRawTable} lr ON lr.lsoa_code_raw IS NOT DISTINCT FROM s.lsoa_code_raw
                {pointJoin}LEFT JOIN (SELECT 'police_recorded_crime' AS src, subcode, spiking FROM {ReferenceData.TableName(ReferenceData.HoOffenceSubcodes)}) sc
                    ON sc.src = s.source AND sc.subcode = s.source_subcode
            ),
            e AS (
                SELECT c.*,
                    -- Only the police extract can show domestic abuse or stalking; elsewhere anything short of sexual
                    -- violence is unknown (NULL), not "not VAWG".
                    CASE WHEN c.category = 'sexual_violence' THEN true
                         WHEN c.source = 'police_recorded_crime'
                             THEN coalesce(c.victim_sex = 'F' AND (coalesce(c.domestic_abuse, false) OR c.offence_subgroup = 'Stalking and harassment'), false)
                    END AS vawg
                FROM c
            ),
            r AS (
                SELECT e.*, {qualifierNotMet} AS qualifier_not_met
                FROM e
            )
            SELECT
                r.code_id, r.load_id AS source_load_id, r.source_row, r.month, r.event_datetime, r.lsoa_id,
                r.x, r.y, r.xy_converted,
                r.domestic_abuse, r.vawg, r.hate, r.hate_strands, r.weapon_enabled, r.knife, r.firearm, r.victim_under25,
                r.public_place, r.night_time_economy, r.victim_age_band, r.victim_sex, r.suspect_age_band, r.spiking,
                r.qualifier_not_met
            FROM r
            """;
    }

    private static string SideTablesSql(AssessmentStore store)
    {
        var split = store.TableExists("lsoa_lookup")
            ? """
              SELECT e.event_id, lk.lsoa21_code, CAST(1 AS DOUBLE) / e.lsoa_candidates AS weight
              FROM sv_events e
              JOIN (SELECT DISTINCT upper(trim(lsoa11_code)) AS lsoa11_code, upper(trim(lsoa21_code)) AS lsoa21_code
                    FROM lsoa_lookup WHERE lsoa11_code IS NOT NULL AND lsoa21_code IS NOT NULL) lk
                ON e.lsoa_status = 'split_2011' AND lk.lsoa11_code = e.lsoa_code_given
              """
            : "SELECT CAST(NULL AS VARCHAR) AS event_id, CAST(NULL AS VARCHAR) AS lsoa21_code, CAST(NULL AS DOUBLE) AS weight WHERE false";
        var dropOld = DropTableSql(store, "sv_event_lsoa");
        // Only the events of a split 2011 LSOA are written; every other event's one row of weight 1 is read from
        // sv_events through the view, instead of copying an event id per record (3 s of a national year's classification).
        return $"""
            CREATE OR REPLACE TABLE sv_event_lsoa_split AS
            {split};
            {dropOld}
            CREATE OR REPLACE VIEW sv_event_lsoa AS
            SELECT event_id, lsoa21_code, CAST(1 AS DOUBLE) AS weight FROM sv_events WHERE lsoa21_code IS NOT NULL AND lsoa_status <> 'split_2011'
            UNION ALL
            SELECT event_id, lsoa21_code, weight FROM sv_event_lsoa_split;
            CREATE OR REPLACE TABLE sv_unmapped AS
            SELECT source, coalesce(source_code, '(blank)') AS code, count(*) AS records
            FROM sv_events WHERE NOT mapped GROUP BY ALL ORDER BY source, records DESC, code;
            CREATE OR REPLACE TABLE sv_lsoa_unmatched AS
            SELECT source, lsoa_code_given AS lsoa_code, count(*) AS records
            FROM sv_events WHERE lsoa_status = 'unmatched' GROUP BY ALL ORDER BY source, records DESC, lsoa_code;
            -- The methods section names the maximum penalties that are engineer recall (no source found), with how many
            -- records of this assessment carry each, so the reader can weigh them (data-schemas/outputs/sv-penalty-recall).
            CREATE OR REPLACE TABLE sv_penalty_recall AS
            SELECT oc.code, oc.description, oc.legislation, oc.penalty_note,
                count(e.event_id) AS records, count(e.event_id) FILTER (WHERE e.in_definition) AS in_definition
            FROM ref_offence_codes oc
            LEFT JOIN (SELECT event_id, source_code, in_definition FROM sv_events WHERE source = 'police_recorded_crime') e
                ON e.source_code = oc.code
            WHERE oc.penalty_confidence = 'recall'
            GROUP BY ALL ORDER BY records DESC, oc.code;
            CREATE TABLE IF NOT EXISTS sv_runs (
                run_id BIGINT, run_at TIMESTAMP, definition_name VARCHAR, definition_version VARCHAR, definition_origin VARCHAR,
                events BIGINT, in_definition BIGINT, unmapped BIGINT, lsoa_unmatched BIGINT, lsoa_split BIGINT, engine_version VARCHAR);
            """;
    }

    private static string RunSql(SeriousViolenceDefinition d, List<SourceCounts> c) => $"""
        INSERT INTO sv_runs
        SELECT (SELECT coalesce(max(run_id), 0) + 1 FROM sv_runs), CAST(now() AS TIMESTAMP),
            {AssessmentStore.Literal(d.Name)}, {AssessmentStore.Literal(d.Version)}, {AssessmentStore.Literal(d.Origin)},
            {c.Sum(x => x.Source.Records)}, {c.Sum(x => x.Source.InDefinition)}, {c.Sum(x => x.Source.Unmapped)},
            {c.Sum(x => x.Unmatched)}, {c.Sum(x => x.Split)},
            {AssessmentStore.Literal(EngineInfo.Version)}
        """;

    private static ClassificationResult ReadResult(AssessmentStore store, SeriousViolenceDefinition d, List<SourceCounts> counts)
    {
        var sources = counts.Select(c => c.Source).ToList();
        var unmapped = store.Query("SELECT source, code, records FROM sv_unmapped ORDER BY source, records DESC, code",
            r => new UnmappedCode(r.GetString(0), r.GetString(1), L(r.GetValue(2))));
        var unmatched = store.Query("SELECT source, lsoa_code, records FROM sv_lsoa_unmatched ORDER BY source, records DESC, lsoa_code",
            r => new UnmatchedLsoa(r.GetString(0), r.GetString(1), L(r.GetValue(2))));
        var lsoa = new LsoaMappingOutcome(counts.Sum(c => c.Given2021), counts.Sum(c => c.Mapped2011), counts.Sum(c => c.Split2011),
            counts.Sum(c => c.Unmatched), counts.Sum(c => c.Missing), counts.Sum(c => c.Unchecked));
        return new ClassificationResult(d.Name, d.Version, d.Origin, sources.Sum(s => s.Records), sources.Sum(s => s.InDefinition),
            sources, unmapped, lsoa, unmatched);
    }
}
