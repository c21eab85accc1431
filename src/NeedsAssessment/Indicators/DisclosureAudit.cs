using System.Text.RegularExpressions;
using NeedsAssessment.Store;

namespace NeedsAssessment.Indicators;

/// <summary>
/// The differencing attack on published indicator files: what a reader with the files and the public area hierarchy
/// can work out about the hidden counts. It builds every additive relation a reader knows (the same ones
/// <see cref="SmallNumberSuppression"/> protects: parent area = children, a year = its quarters = its months,
/// a rolling 12 months = its months, a count shown by two indicators) and solves them by iterated elimination:
/// any relation with exactly one unknown gives that unknown, which may leave another relation with one, until
/// nothing changes. This is the singleton audit of τ-ARGUS and sdcTable's <c>attack()</c> (Hundepool et al.,
/// <i>Statistical Disclosure Control</i>, Wiley 2012, §4.3); it does not solve the linear-programming bounds.
/// It also flags hidden rows that keep a field narrowing their count, and notes that print a count.
/// </summary>
public static partial class DisclosureAudit
{
    /// <summary>Audits every <c>indicator_values*.csv</c> under <paramref name="outputFolder"/> as one publication.</summary>
    /// <param name="outputFolder">An output folder (a run's, or an <c>indicators --out</c> folder).</param>
    /// <param name="store">
    /// Optional store: its <c>geography</c> gives the hierarchy when the folder holds no geography file, its
    /// <c>indicator_meta</c> the indicators' facts, and its raw <c>indicator_values</c> confirm each recovered value.
    /// </param>
    /// <param name="geographyCsv">Optional area hierarchy file (the geography kind's columns); found under the folder when not given.</param>
    /// <exception cref="UserErrorException">No indicator file, or no hierarchy to attack with.</exception>
    public static DisclosureAuditResult Run(string outputFolder, AssessmentStore? store = null, string? geographyCsv = null)
    {
        ArgumentNullException.ThrowIfNull(outputFolder);
        if (!Directory.Exists(outputFolder))
            throw new UserErrorException($"Output folder '{outputFolder}' does not exist.");
        var files = Directory.EnumerateFiles(outputFolder, "indicator_values*.csv", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + ".staging", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new UserErrorException($"No indicator_values*.csv under '{outputFolder}'. Point disclosure-check at a folder written by 'indicators' or 'run'.");
        geographyCsv ??= Directory.EnumerateFiles(outputFolder, "geography*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).FirstOrDefault();

        using var mem = AssessmentStore.Open(":memory:");
        var list = string.Join(", ", files.Select(AssessmentStore.Literal));
        string C(string c, string type) => $"TRY_CAST(nullif({AssessmentStore.Quote(c)}, '') AS {type})";
        // Visible rows first: where two files show one row, a reader has whichever shows it. The dialect is the one the
        // exports write (RFC 4180): left to the sniffer, a file whose first rows have no quotes can be read without them.
        var rows = mem.Query(
            $"""
            SELECT indicator_id, coalesce(domain, ''), level, area_code, area_name, period_type, {C("period_start", "DATE")}, {C("period_end", "DATE")},
                {C("count", "BIGINT")}, {C("denominator", "DOUBLE")}, coalesce({C("multiplier", "DOUBLE")}, 1), {C("value", "DOUBLE")},
                {C("lower95", "DOUBLE")}, {C("upper95", "DOUBLE")}, {C("lower998", "DOUBLE")}, {C("upper998", "DOUBLE")}, coalesce(method, ''),
                {C("benchmark_value", "DOUBLE")}, coalesce(comparison95, ''), coalesce(comparison998, ''), coalesce({C("suppressed", "BOOLEAN")}, false), note
            FROM read_csv([{list}], header = true, all_varchar = true, union_by_name = true, delim = ',', quote = '"', escape = '"')
            WHERE indicator_id IS NOT NULL AND level IS NOT NULL AND area_code IS NOT NULL AND period_type IS NOT NULL AND period_start IS NOT NULL
            ORDER BY {C("count", "BIGINT")} IS NULL, indicator_id, level, area_code, period_type, period_start, note
            """, IndicatorValue.FromReader);

        IReadOnlyDictionary<(string Child, string Parent), Dictionary<string, string>> parents;
        if (geographyCsv is not null)
        {
            mem.Execute($"CREATE OR REPLACE TABLE geography AS SELECT * FROM read_csv({AssessmentStore.Literal(geographyCsv)}, header = true, all_varchar = true)");
            parents = IndicatorExport.NestedParents(mem, "geography");
        }
        else if (store is not null && (store.TableExists(AreaHierarchy.Table) || store.TableExists("geography")))
        {
            parents = IndicatorExport.NestedParents(store, store.TableExists(AreaHierarchy.Table) ? AreaHierarchy.Table : "geography");
        }
        else
        {
            throw new UserErrorException($"No area hierarchy to attack with: '{outputFolder}' holds no geography*.csv. Pass --geography <file> or --db <store>.");
        }

        var meta = store is not null && store.TableExists("indicator_meta")
            ? SmallNumberSuppression.ReadMeta(store)
            : SmallNumberSuppression.MetaFrom(IndicatorCatalogue.Default);
        var built = IndicatorRelations.Build(rows, meta, parents, rows.Select(r => r.Count).ToArray(), rows.Select(r => r.Denominator).ToArray(), IndicatorRelations.Use.Audit);
        var f = built.Counts.Freeze();
        var (solved, value, how) = Eliminate(f);

        var raw = store is not null && store.TableExists(IndicatorTable.Name)
            ? IndicatorValue.Read(store).GroupBy(RowKey).ToDictionary(g => g.Key, g => g.First())
            : null;
        var recovered = new List<DisclosureFinding>();
        var wrong = 0;
        for (var c = 0; c < f.Values.Length; c++)
        {
            if (!solved[c]) continue;
            var r = rows[built.CellRow[c]];
            bool? confirmed = null;
            if (raw is not null && raw.TryGetValue(RowKey(r), out var truth))
            {
                var t = built.CellIsDenominator[c] ? (long?)truth.Denominator : truth.Count;
                confirmed = t == value[c];
            }
            if (confirmed == false)
            {
                wrong++;
                continue;
            }
            recovered.Add(Finding(r, built.CellIsDenominator[c] ? "denominator" : "count", value[c], how[c], confirmed));
        }

        var leaks = new List<DisclosureFinding>();
        foreach (var r in rows)
        {
            if (r.Suppressed)
            {
                var countDen = meta.GetValueOrDefault(r.IndicatorId)?.CountDenominator ?? true;
                foreach (var (field, present) in new (string, bool)[]
                         {
                             ("count", r.Count is not null), ("value", r.Value is not null),
                             ("limits", r.Lower95 is not null || r.Upper95 is not null || r.Lower998 is not null || r.Upper998 is not null),
                             ("method", r.Method.Length > 0), ("denominator", countDen && r.Denominator is not null),
                             ("benchmark_value", r.Level == IndicatorLevels.Partnership && r.BenchmarkValue is not null),
                         })
                {
                    if (present) leaks.Add(Finding(r, field, null, $"a hidden row keeps its {field}", null));
                }
            }
            if (r.Note is { } note && CountInNote().Match(note) is { Success: true } m)
                leaks.Add(Finding(r, "note", null, $"the note prints a count (\"{m.Value}\")", null));
        }
        var suppressedCells = Enumerable.Range(0, f.Values.Length).Count(c => f.Values[c] is null);
        return new DisclosureAuditResult(files, rows.Count, suppressedCells, f.RelStart.Length - 1, recovered, leaks, wrong);
    }

    private static (string, string, string, string, DateOnly, string?) RowKey(IndicatorValue v) =>
        (v.IndicatorId, v.Level, v.AreaCode, v.PeriodType, v.PeriodStart, SmallNumberSuppression.Breakdown(v));

    private static DisclosureFinding Finding(IndicatorValue r, string column, long? value, string how, bool? confirmed) =>
        new(r.IndicatorId, r.Level, r.AreaCode, r.PeriodType, r.PeriodStart, SmallNumberSuppression.Breakdown(r), column, value, how, confirmed);

    [GeneratedRegex(@"(?<!at least |at most |fewer than |more than |under |over )\b\d+ (events?|people|persons?|offences?|crimes?|victims?|admissions?|attendances?|incidents?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CountInNote();

    /// <summary>Iterated single-unknown elimination: a work list of relations with exactly one unknown cell.</summary>
    internal static (bool[] Solved, long[] Value, string[] How) Eliminate(PublishedCounts.Frozen f)
    {
        var n = f.Values.Length;
        var known = new bool[n];
        var value = new long[n];
        var solved = new bool[n];
        var how = new string[n];
        var relations = f.RelStart.Length - 1;
        var unknownIn = new int[relations];
        for (var c = 0; c < n; c++)
        {
            if (f.Values[c] is { } v)
            {
                known[c] = true;
                value[c] = v;
            }
        }
        var work = new Queue<int>();
        for (var rel = 0; rel < relations; rel++)
        {
            for (var k = f.RelStart[rel]; k < f.RelStart[rel + 1]; k++)
                if (!known[f.RelCell[k]]) unknownIn[rel]++;
            if (unknownIn[rel] == 1) work.Enqueue(rel);
        }
        while (work.Count > 0)
        {
            var rel = work.Dequeue();
            if (unknownIn[rel] != 1) continue;
            long sum = 0;
            var u = -1;
            var coef = 0;
            for (var k = f.RelStart[rel]; k < f.RelStart[rel + 1]; k++)
            {
                var c = f.RelCell[k];
                if (known[c]) sum += f.RelCoef[k] * value[c];
                else if (u < 0 || u == c) { u = c; coef += f.RelCoef[k]; }
            }
            if (u < 0 || coef == 0) continue;
            // Σ coef·x = 0, so the unknown is −(Σ over the known cells) / its coefficient.
            known[u] = true;
            solved[u] = true;
            value[u] = -sum / coef;
            how[u] = $"{f.RelKind[rel]} ({f.RelStart[rel + 1] - f.RelStart[rel]} cells, this the only unknown)";
            for (var k = f.CellRels.Start[u]; k < f.CellRels.Start[u + 1]; k++)
            {
                var r2 = f.CellRels.Items[k];
                if (--unknownIn[r2] == 1) work.Enqueue(r2);
            }
        }
        return (solved, value, how);
    }
}
