using System.Globalization;
using NeedsAssessment.Indicators;
using NeedsAssessment.Statistics;
using NeedsAssessment.Store;

namespace NeedsAssessment.Descriptives;

/// <summary>A row of <c>descriptive_rural_urban</c>: one measure's urban or rural part of the partnership (or the whole).</summary>
public sealed record RuralUrbanRate(
    long Position, string Measure, string MeasureName, string Part, long Lsoas, double Residents, long? Count, double? Denominator,
    double Multiplier, double? Rate, double? Lower95, double? Upper95, string? Method, double? RateRatio, double? RatioLower95, double? RatioUpper95,
    bool Suppressed, string? Note, string Classification);

/// <summary>
/// Rural and urban parity: splits the partnership's rates into the urban and rural parts of its area as
/// <see cref="RuralUrbanAreas"/> placed its neighbourhoods (the ONS Rural-Urban Classification 2021 of LSOAs,
/// <c>rural_urban</c>, when loaded, else the proxy), with 95% intervals (<see cref="CrudeRate"/>) and the
/// rural rate over the urban rate with exact limits (<see cref="PeriodChange"/>, the conditional binomial). The urban,
/// rural and unclassified parts tile the partnership, so each measure's parts are suppressed as cells of the
/// partnership's total through <see cref="DescriptiveSuppression"/>: when one part is hidden another is too, and no
/// difference from the published total gives it back.
/// </summary>
internal static class RuralUrbanParity
{
    /// <summary>Table name.</summary>
    public const string Table = "descriptive_rural_urban";

    /// <summary>The reference table it reads.</summary>
    public const string Input = "rural_urban";

    /// <summary>The catalogue indicators split (crude rates of police events per resident): their numerators, multipliers and names.</summary>
    public static readonly IReadOnlyList<string> Measures = ["sv_rate", "vwi_rate", "knife_rate", "da_rate", "hate_sv_rate", "hate_rate", "stalking_harassment_rate", "sexual_offence_rate", "spiking_rate"];

    /// <summary>The parts in the order they are written.</summary>
    public static readonly IReadOnlyList<string> Parts = ["urban", "rural", "unclassified", "partnership"];

    /// <summary>The measures' rates in each part, from <see cref="RuralUrbanAreas.Table"/> (written first by the stage).</summary>
    public static List<RuralUrbanRate> Compute(AssessmentStore store, string policeSource, DateOnly start, DateOnly end, int months, ResidentsSource residents, SuppressionPolicy policy)
    {
        const string areas = RuralUrbanAreas.Table;
        if (!store.TableExists(areas)) return [];
        var classification = store.Query($"SELECT classification FROM {areas} WHERE urban_rural_flag IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1", r => r.GetString(0)).FirstOrDefault();
        if (classification is null) return [];
        var catalogue = IndicatorCatalogue.Default;
        var defs = Measures.Where(id => catalogue.Indicators.Any(i => i.Id == id)).Select(catalogue.Get)
            .Where(d => d.Method == IndicatorMethods.CrudeRate && d.Numerator is { Table: "events", Filter: not null } && d.Denominator?.Population == "all_ages")
            .ToList();
        var src = AssessmentStore.Literal(policeSource);
        var events = $"(SELECT e.*, e.source = {src} AS police FROM sv_events e WHERE e.lsoa21_code IS NOT NULL)";
        // As the indicator engine: a measure whose numerator matches no record at all has no data behind it (police.uk
        // carries no domestic abuse or hate flag), so it is left out rather than shown as zero.
        // Every measure's matches counted in one pass over the events, not one scan each.
        if (defs.Count == 0) return [];
        var matched = store.Query(
            $"SELECT {string.Join(", ", defs.Select(d => $"count(*) FILTER (WHERE ({d.Numerator!.Filter}) IS TRUE)"))} FROM {events}",
            r => Enumerable.Range(0, defs.Count).Select(i => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture)).ToArray())[0];
        defs = defs.Where((_, i) => matched[i] > 0).ToList();
        if (defs.Count == 0) return [];

        var lsoas = $"""
            (SELECT a.lsoa21_code, coalesce(lower(ru.flag), 'unclassified') AS part, p.residents
             FROM (SELECT DISTINCT lsoa21_code FROM {AreaHierarchy.Table}) a
             JOIN ({residents.Sql}) p ON p.lsoa21_code = upper(trim(a.lsoa21_code)) AND p.residents > 0
             LEFT JOIN (SELECT lsoa21_code AS code, urban_rural_flag AS flag FROM {areas}) ru ON ru.code = upper(trim(a.lsoa21_code)))
            """;
        var partSizes = store.Query($"SELECT part, count(*)::BIGINT, sum(residents)::DOUBLE FROM {lsoas} GROUP BY 1",
            r => (Part: r.GetString(0), Lsoas: r.GetInt64(1), Residents: r.GetDouble(2))).ToDictionary(p => p.Part, StringComparer.Ordinal);
        if (!partSizes.ContainsKey("urban") && !partSizes.ContainsKey("rural")) return [];
        var counts = store.Query($"""
            SELECT l.part, {string.Join(", ", defs.Select(d => $"count(*) FILTER (WHERE coalesce(({d.Numerator!.Filter}), false))::BIGINT"))}
            FROM {events} e JOIN {lsoas} l USING (lsoa21_code)
            WHERE e.month BETWEEN DATE '{start:yyyy-MM-dd}' AND DATE '{end:yyyy-MM-dd}'
            GROUP BY 1
            """, r => (Part: r.GetString(0), Counts: Enumerable.Range(1, defs.Count).Select(r.GetInt64).ToArray()))
            .ToDictionary(c => c.Part, c => c.Counts, StringComparer.Ordinal);

        var years = months / 12.0;
        var parts = Parts.Where(p => p == "partnership" || partSizes.ContainsKey(p)).ToList();
        var rows = new List<RuralUrbanRate>();
        for (var m = 0; m < defs.Count; m++)
        {
            var def = defs[m];
            long CountOf(string part) => part == "partnership" ? counts.Values.Sum(c => c[m]) : counts.TryGetValue(part, out var c) ? c[m] : 0;
            (long Lsoas, double Residents) Size(string part) => part == "partnership"
                ? (partSizes.Values.Sum(p => p.Lsoas), partSizes.Values.Sum(p => p.Residents))
                : (partSizes[part].Lsoas, partSizes[part].Residents);
            var raw = parts.Select(p => (Part: p, Count: CountOf(p), Size: Size(p))).ToList();
            // The partnership row is the margin of its parts.
            var cells = raw.Select(r => r.Part == "partnership" ? new DescriptiveCell("total", "all", r.Count) : new DescriptiveCell("cell", r.Part, r.Count)).ToList();
            var nesting = new Dictionary<(string, string), Dictionary<string, string>>
            {
                [("cell", "total")] = raw.Where(r => r.Part != "partnership").ToDictionary(r => r.Part, _ => "all", StringComparer.Ordinal),
            };
            var hidden = DescriptiveSuppression.Hidden($"{Table}_{def.Id}", cells, nesting, policy);
            var estimates = raw.Select((r, i) => hidden[i] ? null : CrudeRate.Calculate(r.Count, r.Size.Residents * years, def.Multiplier)).ToList();
            var urban = raw.FindIndex(r => r.Part == "urban");
            var rural = raw.FindIndex(r => r.Part == "rural");
            PercentageChange? ratio = null;
            string? ratioNote = null;
            if (urban >= 0 && rural >= 0)
            {
                if (hidden[urban] || hidden[rural]) ratioNote = "Not shown: small numbers.";
                else if (raw[urban].Count == 0) ratioNote = "No offences in the urban part: the ratio is unbounded.";
                else ratio = PeriodChange.Calculate(raw[urban].Count, raw[urban].Size.Residents * years, raw[rural].Count, raw[rural].Size.Residents * years);
            }
            for (var i = 0; i < raw.Count; i++)
            {
                var r = raw[i];
                var e = estimates[i];
                var isRural = i == rural;
                rows.Add(new RuralUrbanRate(rows.Count, def.Id, def.Name, r.Part, r.Size.Lsoas, r.Size.Residents, hidden[i] ? null : r.Count,
                    hidden[i] ? null : r.Size.Residents * years, def.Multiplier, e?.Value, e?.Lower, e?.Upper, e?.Method,
                    isRural ? ratio?.RateRatio : null, isRural ? ratio?.RatioLower : null, isRural && ratio is { } q && double.IsFinite(q.RatioUpper) ? q.RatioUpper : null,
                    hidden[i], hidden[i] ? "Not shown: small numbers." : isRural ? ratioNote : null, classification));
            }
        }
        return rows;
    }
}
