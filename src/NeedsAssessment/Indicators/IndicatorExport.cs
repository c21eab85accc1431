using System.Text.Json;
using System.Text.Json.Nodes;
using NeedsAssessment.Store;

namespace NeedsAssessment.Indicators;

/// <summary>
/// Writes <c>indicator_values</c> for publication: suppression applied, to <c>indicator_values.csv</c>,
/// <c>indicator_values.parquet</c> and <c>indicator_values.parameters.json</c> in a folder, and to the store's
/// <c>indicator_values_export</c> table.
/// </summary>
/// <remarks>
/// Suppression is decided by <see cref="SmallNumberSuppression"/> over every row of the export at once (all levels,
/// period types and indicators), so no hidden count can be worked out from the others by any sum a reader knows;
/// <c>needs-assessment disclosure-check</c> runs that attack on the files written.
/// </remarks>
public static class IndicatorExport
{
    /// <summary>Base name of the exported files.</summary>
    public const string FileStem = "indicator_values";

    /// <summary>Applies <paramref name="policy"/> to the store's <c>indicator_values</c> and writes CSV, Parquet and the run's parameters.</summary>
    /// <param name="store">Store after <see cref="IndicatorEngine.Compute"/>.</param>
    /// <param name="folder">Output folder (created when absent).</param>
    /// <param name="policy">Small-number policy, e.g. <see cref="SuppressionPolicy.Nhs"/>.</param>
    /// <returns>Paths written and counts of suppressed rows.</returns>
    public static IndicatorExportResult Write(AssessmentStore store, string folder, SuppressionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(policy);
        if (store.ReadOnly)
            throw new UserErrorException($"Store '{store.Path}' is open read-only; export writes indicator_values_export. Open it without --read-only.");
        PhaseTrace.Mark("indicator-export: start");
        var raw = IndicatorValue.Read(store);
        PhaseTrace.Mark("indicator-export: values read");
        var decision = SmallNumberSuppression.Decide(raw, policy, SmallNumberSuppression.ReadMeta(store), NestedParents(store));
        var rows = decision.Rows;
        PhaseTrace.Mark("indicator-export: suppression decided");
        IndicatorTable.Write(store, IndicatorTable.ExportName, rows);
        PhaseTrace.Mark("indicator-export: table written");

        Directory.CreateDirectory(folder);
        var csv = Path.GetFullPath(Path.Combine(folder, FileStem + ".csv"));
        var parquet = Path.GetFullPath(Path.Combine(folder, FileStem + ".parquet"));
        var json = Path.GetFullPath(Path.Combine(folder, FileStem + ".parameters.json"));
        // Sorted once for both files: with every level and period type published together (270,000 rows) the sort was
        // a third of writing them, done twice. A scan of the sorted table keeps its order.
        const string ordered = "__export_ordered";
        store.Execute($"CREATE OR REPLACE TEMP TABLE {ordered} AS SELECT * FROM {IndicatorTable.ExportName} ORDER BY indicator_id, level, area_code, period_type, period_start, note");
        try
        {
            store.Execute($"COPY {ordered} TO {AssessmentStore.Literal(csv)} (HEADER, DELIMITER ',')");
            store.Execute($"COPY {ordered} TO {AssessmentStore.Literal(parquet)} (FORMAT PARQUET)");
        }
        finally
        {
            store.Execute($"DROP TABLE IF EXISTS {ordered}");
        }
        PhaseTrace.Mark("indicator-export: CSV and Parquet written");

        var primary = decision.Primary;
        var secondary = decision.Secondary;
        File.WriteAllText(json, Parameters(store, policy, rows.Count, primary, secondary).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        PhaseTrace.Mark("indicator-export: parameters written");
        return new IndicatorExportResult(csv, parquet, json, rows.Count, primary, secondary);
    }

    private static JsonObject Parameters(AssessmentStore store, SuppressionPolicy policy, int rows, int primary, int secondary)
    {
        var run = store.TableExists("indicator_runs")
            ? store.Query("SELECT parameters FROM indicator_runs ORDER BY run_id DESC LIMIT 1", r => r.GetString(0)).FirstOrDefault()
            : null;
        var runNode = run is null ? null : JsonNode.Parse(run);
        var definitions = store.TableExists("sv_events")
            ? store.Query("SELECT DISTINCT definition_name, definition_version FROM sv_events ORDER BY 1, 2",
                r => (JsonNode)new JsonObject { ["name"] = r.IsDBNull(0) ? null : r.GetString(0), ["version"] = r.IsDBNull(1) ? null : r.GetString(1) })
            : [];
        var loads = store.Query(
            "SELECT load_id, kind, file_name, sha256, rows_loaded, status FROM loads ORDER BY load_id",
            r => (JsonNode)new JsonObject
            {
                ["load_id"] = r.GetInt64(0), ["kind"] = r.GetString(1), ["file_name"] = r.GetString(2),
                ["sha256"] = r.GetString(3), ["rows_loaded"] = r.GetInt64(4), ["status"] = r.GetString(5),
            });
        return new JsonObject
        {
            // No timestamp and no absolute path: the same inputs must give a byte-identical export (run times are
            // in the run manifest).
            ["engine"] = EngineInfo.Version,
            ["store"] = store.Path == ":memory:" ? store.Path : Path.GetFileName(store.Path),
            ["sv_definitions"] = new JsonArray([.. definitions]),
            ["suppression"] = new JsonObject
            {
                ["policy"] = policy.Name, ["hide_from"] = policy.HideFrom, ["hide_to"] = policy.HideTo,
                ["dsr_minimum_count"] = policy.DsrMinimumCount, ["secondary"] = policy.Secondary,
                ["rows_primary"] = primary, ["rows_secondary"] = secondary,
            },
            ["benchmark"] = runNode?["benchmark"]?.DeepClone(),
            ["rows"] = rows,
            ["columns"] = new JsonArray([.. IndicatorTable.Columns.Select(c => (JsonNode)c)]),
            ["run"] = runNode,
            ["loads"] = new JsonArray([.. loads]),
        };
    }

    /// <summary>Child → parent area codes for each pair of levels that nest in the partnership's area hierarchy.</summary>
    internal static Dictionary<(string Child, string Parent), Dictionary<string, string>> NestedParents(AssessmentStore store, string table = AreaHierarchy.Table)
    {
        var result = new Dictionary<(string, string), Dictionary<string, string>>();
        var levels = IndicatorLevels.All;
        for (var c = 0; c < levels.Count; c++)
        {
            for (var p = c + 1; p < levels.Count; p++)
            {
                var (cc, _) = IndicatorLevels.Columns(levels[c]);
                var (pc, _) = IndicatorLevels.Columns(levels[p]);
                var pairs = store.Query(
                    $"SELECT DISTINCT {cc}, {pc} FROM {table} WHERE {cc} IS NOT NULL AND {pc} IS NOT NULL",
                    r => (Child: r.GetString(0), Parent: r.GetString(1)));
                // A child split across parents cannot be differenced from one parent's total alone; skip the pair.
                if (pairs.Count == 0 || pairs.GroupBy(x => x.Child).Any(g => g.Count() > 1)) continue;
                result[(levels[c], levels[p])] = pairs.ToDictionary(x => x.Child, x => x.Parent);
            }
        }
        return result;
    }
}
