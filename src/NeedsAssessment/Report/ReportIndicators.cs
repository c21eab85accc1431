using NeedsAssessment.Indicators;
using NeedsAssessment.Statistics;
using NeedsAssessment.Store;

namespace NeedsAssessment.Report;

/// <summary>How an indicator's value reads, which decides its number format in the report and the workbook.</summary>
internal enum ValueKind
{
    Rate,
    Percent,
    Mean,
    Index,
    Whole,
}

/// <summary>One indicator value for one area, after suppression, as the report and workbook print it.</summary>
internal sealed record ReportIndicator(
    string Id, string Name, string Domain, ValueKind Kind, string Level, string AreaCode, string AreaName, string Period,
    long? Count, double? Denominator, double? Value, double? Lower, double? Upper, string Comparison, bool Suppressed, string Method, string? Note)
{
    public bool HasValue => !Suppressed && Value is { } v && double.IsFinite(v);
}

/// <summary>
/// The indicator tables: rates, shares and inequality measures for the partnership and its districts in the latest
/// 12 months, with 95% intervals, comparison with the partnership, and the small-number rule applied.
/// </summary>
internal static class ReportIndicators
{
    public const string Prevalence = "prevalence";
    public const string Severity = "severity";
    public const string Impact = "impact";

    public static IReadOnlyList<string> Domains { get; } = [Prevalence, Severity, Impact];

    /// <summary>
    /// The indicator rows the report and workbook print: the indicator engine's <c>indicator_values</c> when the store
    /// has them (suppressed here under the report's policy, exactly as the export does), plus the change on the previous
    /// 12 months, which the engine does not give; otherwise the report's own set computed from the classified events.
    /// </summary>
    public static IReadOnlyList<ReportIndicator> Build(ReportData data, SmallNumberRule rule, ReportOptions options, AssessmentStore store, bool includeWards = false)
    {
        if (!store.TableExists("indicator_values") || !store.TableExists("indicator_meta") || ReportData.L(store.Scalar("SELECT count(*) FROM indicator_values")) == 0)
            return Build(data, rule, options);
        var engine = FromEngine(store, options.Suppression, data, includeWards);
        var change = Build(data, rule, options).Where(r => r.Id == "sv_change").ToList();
        // The change belongs next to the rate it changes; everything else keeps the catalogue's order.
        var at = engine.FindLastIndex(r => r.Id == "sv_rate");
        engine.InsertRange(at + 1, change);
        return engine;
    }

    private static readonly string[] PeriodPreference = [PeriodTypes.Rolling12Months, PeriodTypes.Pooled3FinancialYears, PeriodTypes.FinancialYear, PeriodTypes.CohortPeriod];

    private static List<ReportIndicator> FromEngine(AssessmentStore store, SuppressionPolicy policy, ReportData data, bool includeWards)
    {
        var raw = IndicatorValue.Read(store);
        var meta = store.Query("SELECT indicator_id, method, disclosive, base, count_denominator, coalesce(name, indicator_id), domain FROM indicator_meta ORDER BY 1",
            r => (Meta: new IndicatorMeta(r.GetString(0), r.GetString(1), r.GetBoolean(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetBoolean(4)), Name: r.GetString(5)));
        var rows = SmallNumberSuppression.Apply(store, raw, policy);
        var names = meta.ToDictionary(m => m.Meta.Id, m => m.Name, StringComparer.Ordinal);
        var levels = includeWards ? new[] { "partnership", "hub", "district", "ward" } : ["partnership", "district"];
        var result = new List<ReportIndicator>();
        // Offence-subgroup rows (severity_volume) are a breakdown, drawn as the severity chart, not one value per area.
        var order = IndicatorCatalogue.Default.Indicators.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        foreach (var group in rows.Where(r => levels.Contains(r.Level) && r.IndicatorId != "severity_volume").GroupBy(r => r.IndicatorId)
                     .OrderBy(g => order.GetValueOrDefault(g.Key, int.MaxValue)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var type = PeriodPreference.FirstOrDefault(t => group.Any(r => r.PeriodType == t));
            if (type is null) continue;
            var end = group.Where(r => r.PeriodType == type).Max(r => r.PeriodEnd);
            var chosen = group.Where(r => r.PeriodType == type && r.PeriodEnd == end)
                .OrderBy(r => Array.IndexOf(levels, r.Level)).ThenBy(r => r.AreaCode, StringComparer.Ordinal);
            foreach (var r in chosen)
            {
                var kind = KindOf(r);
                var comparison = r.Level == "partnership" && r.Comparison95 == "not compared" ? "benchmark" : r.Comparison95;
                var name = names.GetValueOrDefault(r.IndicatorId, r.IndicatorId);
                if (type == PeriodTypes.Pooled3FinancialYears && !name.Contains("3-year", StringComparison.OrdinalIgnoreCase)) name += " (3 years pooled)";
                result.Add(new ReportIndicator(r.IndicatorId, name, r.Domain, kind, r.Level, r.AreaCode,
                    r.Level == "partnership" ? data.PartnershipName : r.AreaName ?? r.AreaCode, ReportFormat.Period(r.PeriodStart, r.PeriodEnd),
                    r.Count, r.Denominator, r.Value, r.Lower95, r.Upper95, comparison, r.Suppressed, r.Method, r.Note));
            }
        }
        return result;
    }

    private static ValueKind KindOf(IndicatorValue r) => r.IndicatorId switch
    {
        "mean_crime_harm" => ValueKind.Mean,
        "convergence_areas" => ValueKind.Whole,
        _ when r.Multiplier == 100 => ValueKind.Percent,
        _ when r.Multiplier >= 1000 => ValueKind.Rate,
        _ => ValueKind.Index,
    };

    public static IReadOnlyList<ReportIndicator> Build(ReportData data, SmallNumberRule rule, ReportOptions options)
    {
        var period = data.Periods.Label;
        var areas = data.Areas.Where(a => a.Level is "partnership" or "district").ToList();
        var whole = data.Partnership;
        var rows = new List<ReportIndicator>();

        void Rate(string id, string name, string domain, double multiplier, Func<AreaMeasures, long> count)
        {
            if (count(whole) == 0) return;
            var benchmark = whole.Population > 0 ? count(whole) / whole.Population * multiplier : double.NaN;
            foreach (var a in areas)
            {
                var n = count(a);
                if (a.Population <= 0)
                {
                    rows.Add(new ReportIndicator(id, name, domain, ValueKind.Rate, a.Level, a.Code, a.Name, period, n, null, null, null, null, "not compared", false, "none", "No resident population."));
                    continue;
                }
                var est = CrudeRate.Calculate(n, a.Population, multiplier);
                rows.Add(new ReportIndicator(id, name, domain, ValueKind.Rate, a.Level, a.Code, a.Name, period, n, a.Population, est.Value, est.Lower, est.Upper,
                    a.Level == "partnership" ? "benchmark" : Compare(est.Lower, est.Upper, benchmark), false, est.Method, null));
            }
        }

        void Share(string id, string name, string domain, Func<AreaMeasures, (long Num, long Den)> f, string? note = null)
        {
            var (wn, wd) = f(whole);
            if (wd == 0) return;
            var benchmark = 100.0 * wn / wd;
            foreach (var a in areas)
            {
                var (n, d) = f(a);
                if (d == 0)
                {
                    rows.Add(new ReportIndicator(id, name, domain, ValueKind.Percent, a.Level, a.Code, a.Name, period, n, d, null, null, null, "not compared", false, "none", "No records with this recorded."));
                    continue;
                }
                var est = WilsonProportion.Calculate(n, d, 100);
                rows.Add(new ReportIndicator(id, name, domain, ValueKind.Percent, a.Level, a.Code, a.Name, period, n, d, est.Value, est.Lower, est.Upper,
                    a.Level == "partnership" ? "benchmark" : Compare(est.Lower, est.Upper, benchmark), false, "wilson", note));
            }
        }

        Rate("sv_rate", "Serious violence offences per 1,000 residents", Prevalence, 1_000, a => a.SeriousViolence);
        if (data.Periods.HasPrevious && whole.SeriousViolencePrevious > 0)
        {
            foreach (var a in areas)
            {
                var name = $"Change in serious violence on {data.Periods.PreviousDescription} ({data.Periods.PreviousLabel}), %";
                if (a.SeriousViolencePrevious == 0 || a.Population <= 0)
                {
                    rows.Add(new ReportIndicator("sv_change", name, Prevalence, ValueKind.Percent, a.Level, a.Code, a.Name, period, a.SeriousViolence, a.SeriousViolencePrevious, null, null, null, "not compared", false, "none", $"No offences in {data.Periods.PreviousDescription}."));
                    continue;
                }
                var c = PeriodChange.Calculate(a.SeriousViolencePrevious, a.Population, a.SeriousViolence, a.Population);
                var comparison = c.PercentLower > 0 ? "increase" : c.PercentUpper < 0 ? "decrease" : "no clear change";
                rows.Add(new ReportIndicator("sv_change", name, Prevalence, ValueKind.Percent, a.Level, a.Code, a.Name, period, a.SeriousViolence, a.SeriousViolencePrevious,
                    c.Percent, c.PercentLower, double.IsFinite(c.PercentUpper) ? c.PercentUpper : null, comparison, false, "exact conditional binomial", null));
            }
        }
        Rate("vwi_rate", "Violence with injury offences per 1,000 residents", Prevalence, 1_000, a => a.ViolenceWithInjury);
        Rate("ed_assault_rate", "Emergency department assault attendances per 100,000 residents", Prevalence, 100_000, a => a.EdAssaults);
        Rate("ambulance_assault_rate", "Ambulance assault call-outs per 100,000 residents", Prevalence, 100_000, a => a.Ambulance);
        Rate("admission_rate", "Emergency hospital admissions for assault per 100,000 residents", Prevalence, 100_000, a => a.Admissions);

        Share("life_tier_share", "Offences whose maximum penalty is life imprisonment, %", Severity, a => (a.LifeMaximum, a.PenaltyKnown));
        foreach (var a in areas.Where(_ => whole.PenaltyKnown > 0))
        {
            var mean = a.PenaltyKnown > 0 ? a.PenaltyDays / a.PenaltyKnown / 365.25 : (double?)null;
            rows.Add(new ReportIndicator("mean_penalty", $"Mean maximum penalty per offence, years (life counted as {options.LifePenaltyDays / 365.25:0} years)", Severity, ValueKind.Mean,
                a.Level, a.Code, a.Name, period, a.PenaltyKnown, null, mean, null, null, "not compared", false, "mean", null));
        }

        Share("public_place_share", "Offences in a public place, % of those with the place recorded", Impact, a => (a.PublicPlace, a.PublicPlaceKnown));
        Share("under25_share", "Offences with a victim under 25, % of those with the age recorded", Impact, a => (a.Under25, a.Under25Known));
        Share("nte_share", "Offences linked to the night-time economy, % of those with the flag recorded", Impact, a => (a.NightTime, a.NightTimeKnown));

        var lsoas = data.Lsoas.Where(l => l.Population > 0).ToList();
        if (lsoas.Count > 1 && lsoas.Sum(l => l.SeriousViolence) > 0)
        {
            var gini = GiniCoefficient.Calculate(lsoas.Select(l => (double)l.SeriousViolence).ToList(), lsoas.Select(l => l.Population).ToList());
            rows.Add(new ReportIndicator("sv_gini", "Concentration of serious violence across neighbourhoods (Gini coefficient, 0 = even, 1 = all in one)", Impact, ValueKind.Index,
                "partnership", whole.Code, whole.Name, period, whole.SeriousViolence, null, gini.Gini, null, null, "not compared", false, "population-weighted Gini", null));
        }
        var sii = Sii(data);
        if (sii is not null)
        {
            rows.Add(new ReportIndicator("sv_sii", "Slope index of inequality: serious violence per 1,000 at the most deprived end of the population minus the least deprived end", Impact, ValueKind.Index,
                "partnership", whole.Code, whole.Name, period, whole.SeriousViolence, null, -sii.Sii, -sii.SiiUpper, -sii.SiiLower, "not compared", false, "SII (weighted regression on ridits)", null));
        }
        return Suppress(rows, rule);
    }

    /// <summary>Slope index of inequality across deprivation deciles, most deprived (decile 1) at ridit 0.</summary>
    public static InequalityEstimate? Sii(ReportData data)
    {
        var deciles = data.Deciles.Where(d => d.Population > 0).OrderBy(d => d.Decile).ToList();
        if (deciles.Count < 3) return null;
        return SlopeIndexOfInequality.Calculate(deciles.Select(d => d.Count / d.Population * 1_000).ToList(), deciles.Select(d => d.Population).ToList());
    }

    public static string Compare(double lower, double upper, double benchmark) =>
        BenchmarkComparison.Compare(lower, upper, benchmark) switch
        {
            Comparison.Higher => "higher",
            Comparison.Lower => "lower",
            Comparison.Similar => "similar",
            _ => "not compared",
        };

    /// <summary>
    /// Primary suppression hides a row whose count (or, for a share, whose base) is in the rule's range. Secondary
    /// suppression then hides the next smallest district of the same indicator when only one is hidden, so the hidden
    /// figure cannot be recovered from the partnership total.
    /// </summary>
    internal static IReadOnlyList<ReportIndicator> Suppress(IReadOnlyList<ReportIndicator> rows, SmallNumberRule rule)
    {
        bool Primary(ReportIndicator r) =>
            (r.Count is { } c && rule.Hides(c)) || (r.Kind is ValueKind.Percent && r.Denominator is { } d && r.Id != "sv_change" && rule.Hides(d))
            || (r.Id == "sv_change" && r.Denominator is { } p && rule.Hides(p));
        var hidden = rows.Select(Primary).ToArray();
        foreach (var group in rows.Select((r, i) => (r, i)).Where(x => x.r.Level == "district").GroupBy(x => x.r.Id))
        {
            if (group.Count(x => hidden[x.i]) != 1) continue;
            var next = group.Where(x => !hidden[x.i] && x.r.Count is > 0).OrderBy(x => x.r.Count).ThenBy(x => x.r.AreaCode, StringComparer.Ordinal).FirstOrDefault();
            if (next.r is not null) hidden[next.i] = true;
        }
        return rows.Select((r, i) => hidden[i]
            ? r with
            {
                Count = null, Denominator = r.Kind == ValueKind.Percent ? null : r.Denominator, Value = null, Lower = null, Upper = null,
                Comparison = "not compared", Suppressed = true,
                Note = Primary(r) ? $"Not shown: fewer than {rule.HideTo + 1} events." : "Not shown: would let a hidden figure be worked out.",
            }
            : r).ToList();
    }
}
