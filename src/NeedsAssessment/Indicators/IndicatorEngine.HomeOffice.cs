using System.Globalization;
using NeedsAssessment.Classify;
using NeedsAssessment.Statistics;
using NeedsAssessment.Store;

namespace NeedsAssessment.Indicators;

public static partial class IndicatorEngine
{
    /// <summary>The numerator table of indicators computed from the Home Office open data offence counts.</summary>
    public const string HomeOfficeTable = "home_office_offence_counts";

    /// <summary>
    /// Rows of the Home Office force table that are not police force areas: England and Wales is the sum of the
    /// others. (Action Fraud, CIFAS and UK Finance record fraud nationally; British Transport Police polices the railways.)
    /// </summary>
    internal static readonly IReadOnlyList<string> NonTerritorialForces = ["Action Fraud", "British Transport Police", "CIFAS", "UK Finance"];

    /// <summary>
    /// Indicators over the Home Office police recorded crime open data table (offences by Home Office offence code
    /// and financial quarter, per force or community safety partnership): the partnership's force area (or CSP)
    /// against England and Wales as the benchmark, per financial year. Each offence code is classified by the
    /// serious violence definition and carries its maximum penalty and crime severity weight from the reference
    /// table, so the numerator filter and weight read like the event indicators' (<c>in_definition</c>,
    /// <c>penalty_harm_days</c>, <c>css_weight</c>, <c>max_penalty_life</c>). A row of the table counts
    /// <c>offences</c> offences, so every count and sum is weighted by it.
    /// </summary>
    private static List<WorkRow> HomeOffice(EngineContext ctx, IndicatorDefinition def, List<string> levels, List<string> periodTypes)
    {
        var store = ctx.Store;
        if (!levels.Contains(IndicatorLevels.Partnership) || !periodTypes.Contains(Indicators.PeriodTypes.FinancialYear)) return [];
        if (EngineContext.Count(store, $"SELECT count(*) FROM {HomeOfficeTable}") == 0)
        {
            ctx.Say($"{def.Id} not computed: no Home Office offence counts table is loaded (kind home-office-offence-counts).");
            return [];
        }
        if (!PrepareHomeOffice(ctx)) return [];
        NationalResidents? residents = null;
        if (def.Method == IndicatorMethods.CrudeRate)
        {
            if (!ctx.HomeOfficeResidentsLooked)
            {
                ctx.HomeOfficeResidents = Residents.National(store, ctx.HomeOfficeDistricts);
                ctx.HomeOfficeResidentsLooked = true;
            }
            residents = ctx.HomeOfficeResidents;
            if (residents is null)
            {
                ctx.Say($"{def.Id} not computed: it divides by residents of England and Wales, and no loaded population file covers England and Wales (load Census 2021 TS001 for every LSOA as Nomis publishes it, kind population-total).");
                return [];
            }
            if (residents.Districts is not > 0)
            {
                ctx.Say($"{def.Id} not computed: the residents of the {ctx.HomeOfficeArea} are unknown, as no loaded file says which local authorities it covers (load the ONS ward lookup, ward-lookup, and the CSP lookup with its police force area columns, csp-lookup).");
                return [];
            }
        }

        var num = Cond(def.Numerator?.Filter);
        var den = def.Denominator?.Filter is { } df ? Cond(df) : "true";
        var w = Weight(def.Numerator);
        var sql = $"""
            WITH r AS (SELECT side, financial_year, offences, {num} AS is_num, {den} AS is_den, {w} AS w FROM ind_home_office)
            SELECT financial_year, side,
                coalesce(sum(offences) FILTER (WHERE is_num AND is_den), 0) AS n_both,
                coalesce(sum(offences) FILTER (WHERE is_den), 0) AS n_den,
                coalesce(sum(offences * w) FILTER (WHERE is_num AND is_den), 0) AS w_sum,
                coalesce(sum(offences * w * w) FILTER (WHERE is_num AND is_den), 0) AS w_sq,
                coalesce(sum(offences) FILTER (WHERE is_num AND is_den AND w IS NOT NULL), 0) AS n_w
            FROM r GROUP BY ALL ORDER BY financial_year, side
            """;
        var sums = store.Query(sql, r => (Year: r.GetString(0), Side: r.GetString(1), Both: (long)Math.Round(Convert.ToDouble(r.GetValue(2), CultureInfo.InvariantCulture)),
            Den: Convert.ToDouble(r.GetValue(3), CultureInfo.InvariantCulture), WSum: Convert.ToDouble(r.GetValue(4), CultureInfo.InvariantCulture),
            WSq: Convert.ToDouble(r.GetValue(5), CultureInfo.InvariantCulture), NW: (long)Math.Round(Convert.ToDouble(r.GetValue(6), CultureInfo.InvariantCulture))));
        var partnerships = store.Query($"SELECT area_code, area_name FROM ind_areas WHERE level = {AssessmentStore.Literal(IndicatorLevels.Partnership)} ORDER BY area_code",
            r => (Code: r.GetString(0), Name: r.IsDBNull(1) ? null : r.GetString(1)));
        var rows = new List<WorkRow>();
        foreach (var year in sums.Select(s => s.Year).Distinct())
        {
            if (FinancialYear(year) is not { } period) continue;
            WorkRow Compute(AreaPeriodRow a, (string Year, string Side, long Both, double Den, double WSum, double WSq, long NW) s) => def.Method switch
            {
                IndicatorMethods.Mean => MeanRow(def, a, s.NW, s.WSum, s.WSq),
                IndicatorMethods.CrudeRate => CrudeRateRow(def, a, s.Both, s.Side == "area" ? residents!.Districts : residents!.EnglandAndWales),
                _ => ProportionRow(def, a, s.Both, s.Den),
            };
            var area = sums.FirstOrDefault(s => s.Year == year && s.Side == "area");
            var national = sums.FirstOrDefault(s => s.Year == year && s.Side == "england_wales");
            if (area.Year is null || national.Year is null) continue;
            foreach (var (code, name) in partnerships)
            {
                var a = new AreaPeriodRow(IndicatorLevels.Partnership, code, name, code, period, period.Years);
                var row = Compute(a, area);
                var bench = Compute(a, national).Value.Value;
                var v = row.Value;
                var note = $"Home Office police recorded crime open data {year}, {ctx.HomeOfficeArea}; benchmark England and Wales ({ctx.HomeOfficeNationalAreas})" +
                    (residents is null ? "." : string.Create(CultureInfo.InvariantCulture,
                        $"; per resident of {residents.Source}: {residents.Districts:N0} in the area's local authorities ({string.Join(", ", ctx.HomeOfficeDistricts)}), {residents.EnglandAndWales:N0} in England and Wales."));
                row.Value = v with
                {
                    Note = v.Note is null ? note : $"{v.Note}; {note}",
                    BenchmarkValue = bench,
                    Comparison95 = bench is { } b && v.Lower95 is { } l && v.Upper95 is { } u ? Words(BenchmarkComparison.Compare(l, u, b)) : Words(Comparison.NotCompared),
                    Comparison998 = bench is { } b2 && v.Lower998 is { } l2 && v.Upper998 is { } u2 ? Words(BenchmarkComparison.Compare(l2, u2, b2)) : Words(Comparison.NotCompared),
                };
                rows.Add(row);
            }
        }
        return rows;
    }

    /// <summary>The 12 months of a financial year written 2019/20, or null.</summary>
    private static ReportingPeriod? FinancialYear(string text)
    {
        if (text.Length < 4 || !int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var y)) return null;
        return new ReportingPeriod(Indicators.PeriodTypes.FinancialYear, new DateOnly(y, 4, 1), new DateOnly(y + 1, 3, 31));
    }

    /// <summary>
    /// Builds <c>ind_home_office</c> once per run: the chosen force or CSP (<c>side = 'area'</c>) and England and
    /// Wales (<c>side = 'england_wales'</c>), each row with its offence code classified. False (with a message)
    /// when the partnership's area can't be found in the table or the definition can't be applied to counts.
    /// </summary>
    private static bool PrepareHomeOffice(EngineContext ctx)
    {
        if (ctx.HomeOfficeArea is not null) return true;
        if (ctx.HomeOfficeProblem is not null) return false;
        var store = ctx.Store;
        var definition = ctx.Options.Definition ?? DefinitionOfEvents(store);
        if (definition.RestrictToAny.Count > 0)
        {
            ctx.HomeOfficeProblem = $"Home Office indicators not computed: definition {definition.Name} counts only offences with {string.Join(" or ", definition.RestrictToAny)}, which offence counts don't record.";
            ctx.Say(ctx.HomeOfficeProblem);
            return false;
        }
        if (!store.TableExists("ref_offence_codes")) ReferenceData.LoadInto(store);

        var csp = EngineContext.Count(store, $"SELECT count(*) FROM {HomeOfficeTable} WHERE csp_name IS NOT NULL") > 0;
        var column = csp ? "csp_name" : "force_name";
        string? chosen = ctx.Options.HomeOfficeArea;
        // The partnership's force comes from one rule (PartnershipForce); a CSP table is read for the CSP the lookup
        // gives the area's authorities, or one named like the partnership.
        var force = csp ? null : PartnershipForce.Find(store);
        var cspLookup = csp && store.TableExists("csp_lookup");
        if (chosen is null)
        {
            var candidates = csp
                ? (cspLookup
                        ? store.Query($"""
                            SELECT trim(c.csp_name) FROM {ReferenceLoads.LatestRow("csp_lookup", "lad_code")} c JOIN {AreaHierarchy.Table} a ON upper(trim(c.lad_code)) = a.district_code
                            WHERE c.csp_name IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1
                            """, r => r.GetString(0))
                        : [])
                    .Concat(store.Query($"SELECT area_name FROM ind_areas WHERE level = 'partnership' AND area_name IS NOT NULL", r => r.GetString(0))).ToList()
                : force is null ? [] : [force.Name];
            var names = store.Query($"SELECT DISTINCT {column} FROM {HomeOfficeTable} WHERE {column} IS NOT NULL", r => r.GetString(0));
            chosen = candidates.Select(c => names.FirstOrDefault(n => string.Equals(n.Trim(), c.Trim(), StringComparison.OrdinalIgnoreCase))).FirstOrDefault(n => n is not null);
            if (chosen is null)
            {
                ctx.HomeOfficeProblem = $"Home Office indicators not computed: the partnership's {(csp ? "CSP" : "force")} is not found in the Home Office table (looked for {(candidates.Count == 0 ? "a police.uk force name or the CSP lookup's police force area; neither is loaded" : string.Join(", ", candidates.Take(3).Select(c => $"'{c}'")))}). Name it with IndicatorOptions.HomeOfficeArea.";
                ctx.Say(ctx.HomeOfficeProblem);
                return false;
            }
        }
        ctx.HomeOfficeDistricts = csp
            ? (cspLookup
                ? store.Query($"SELECT DISTINCT upper(trim(lad_code)) FROM {ReferenceLoads.LatestRow("csp_lookup", "lad_code")} WHERE lower(trim(csp_name)) = lower({AssessmentStore.Literal(chosen.Trim())}) ORDER BY 1", r => r.GetString(0))
                : [])
            : force is not null && string.Equals(force.Name, chosen.Trim(), StringComparison.OrdinalIgnoreCase) ? force.Districts : [];
        static string List(IEnumerable<string> xs) => "CAST([" + string.Join(", ", xs.Select(AssessmentStore.Literal)) + "] AS VARCHAR[])";
        var inDefinition = definition.Sources.Contains(ClassificationSources.PoliceRecordedCrime)
            ? $"(list_contains({List(definition.Categories)}, oc.sv_category) OR list_contains({List(definition.IncludeCodes)}, h.offence_code)) AND NOT list_contains({List(definition.ExcludeCodes)}, h.offence_code) AND oc.sv_category IS DISTINCT FROM 'terrorism'"
            : "false";
        var life = ctx.Options.LifePenaltyDays.ToString("R", CultureInfo.InvariantCulture);
        var national = csp ? "true" : $"NOT list_contains({List(NonTerritorialForces)}, h.force_name)";
        store.Execute($"""
            CREATE OR REPLACE TEMP TABLE ind_home_office AS
            WITH h AS (SELECT financial_year, force_name, csp_name, trim(offence_code) AS offence_code, offence_group, offences FROM {HomeOfficeTable}),
            c AS (
                SELECT h.*, oc.sv_category, oc.max_penalty_days, oc.max_penalty_life, oc.max_penalty_known, CAST(oc.css_weight AS DOUBLE) AS css_weight,
                    coalesce({inDefinition}, false) AS in_definition,
                    CASE WHEN oc.max_penalty_known IS DISTINCT FROM true THEN NULL WHEN oc.max_penalty_life THEN {life}
                         ELSE CAST(oc.max_penalty_days AS DOUBLE) END AS penalty_harm_days,
                    h.offence_group IS DISTINCT FROM 'Fraud offences' AS police_recorded
                FROM h LEFT JOIN ref_offence_codes oc ON oc.code = h.offence_code)
            SELECT 'area' AS side, * FROM c WHERE {column} = {AssessmentStore.Literal(chosen)}
            UNION ALL
            SELECT 'england_wales', * FROM c h WHERE {national};
            """);
        var unknown = store.Query("SELECT DISTINCT offence_code FROM ind_home_office WHERE sv_category IS NULL AND police_recorded ORDER BY 1", r => r.GetString(0));
        ctx.HomeOfficeArea = csp ? $"{chosen} community safety partnership" : $"{chosen} police force area";
        if (force is not null && ctx.Options.HomeOfficeArea is null) ctx.Say($"The partnership is in the {ctx.HomeOfficeArea} (from {force.Source}){(ctx.HomeOfficeDistricts.Count > 0 ? $", which covers {string.Join(", ", ctx.HomeOfficeDistricts)}" : "")}.");
        ctx.HomeOfficeNationalAreas = csp ? "every CSP in the table" : $"the police force areas, not {string.Join(", ", NonTerritorialForces)}";
        ctx.Say($"Home Office indicators: {ctx.HomeOfficeArea} against England and Wales, offence codes classified under {definition.Name} {definition.Version}"
                + (unknown.Count > 0 ? $"; {unknown.Count} code(s) not in the reference table count only in shares' denominators ({string.Join(", ", unknown.Take(10))})." : "."));
        return true;
    }

    /// <summary>The definition the events were classified under (built-in by name), else the default.</summary>
    private static SeriousViolenceDefinition DefinitionOfEvents(AssessmentStore store)
    {
        var name = store.ScalarOrNull("SELECT min(definition_name) FROM sv_events") as string;
        return name is not null && SeriousViolenceDefinition.BuiltInNames.Contains(name)
            ? SeriousViolenceDefinition.LoadBuiltIn(name)
            : SeriousViolenceDefinition.LoadDefault();
    }
}
