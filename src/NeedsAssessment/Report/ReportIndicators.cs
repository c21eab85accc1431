using NeedsAssessment.Statistics;

namespace NeedsAssessment.Report;

/// <summary>How an indicator's value reads, which decides its number format in the report and the workbook.</summary>
internal enum ValueKind
{
    Rate,
    Percent,
    Mean,
    Index,
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
                var name = $"Change in serious violence on the previous 12 months ({data.Periods.PreviousLabel}), %";
                if (a.SeriousViolencePrevious == 0 || a.Population <= 0)
                {
                    rows.Add(new ReportIndicator("sv_change", name, Prevalence, ValueKind.Percent, a.Level, a.Code, a.Name, period, a.SeriousViolence, a.SeriousViolencePrevious, null, null, null, "not compared", false, "none", "No offences in the previous 12 months."));
                    continue;
                }
                var c = PeriodChange.Calculate(a.SeriousViolencePrevious, a.Population, a.SeriousViolence, a.Population);
                var comparison = c.PercentLower > 0 ? "increase" : c.PercentUpper < 0 ? "decrease" : "no clear change";
                rows.Add(new ReportIndicator("sv_change", name, Prevalence, ValueKind.Percent, a.Level, a.Code, a.Name, period, a.SeriousViolence, a.SeriousViolencePrevious,
                    c.Percent, c.PercentLower, double.IsFinite(c.PercentUpper) ? c.PercentUpper : null, comparison, false, "exact conditional binomial", null));
            }
        }
        Rate("vwi_rate", "Violence with injury offences per 1,000 residents", Prevalence, 1_000, a => a.ViolenceWithInjury);
        Rate("ed_rate", "Emergency department assault attendances per 100,000 residents", Prevalence, 100_000, a => a.EdAssaults);
        Rate("ambulance_rate", "Ambulance assault call-outs per 100,000 residents", Prevalence, 100_000, a => a.Ambulance);
        Rate("admission_rate", "Emergency hospital admissions for assault per 100,000 residents", Prevalence, 100_000, a => a.Admissions);

        Share("life_share", "Offences whose maximum penalty is life imprisonment, %", Severity, a => (a.LifeMaximum, a.PenaltyKnown));
        foreach (var a in areas.Where(_ => whole.PenaltyKnown > 0))
        {
            var mean = a.PenaltyKnown > 0 ? a.PenaltyDays / a.PenaltyKnown / 365.25 : (double?)null;
            rows.Add(new ReportIndicator("mean_penalty", $"Mean maximum penalty per offence, years (life counted as {options.LifePenaltyDays / 365.25:0} years)", Severity, ValueKind.Mean,
                a.Level, a.Code, a.Name, period, a.PenaltyKnown, null, mean, null, null, "not compared", false, "mean", null));
        }

        Share("public_share", "Offences in a public place, % of those with the place recorded", Impact, a => (a.PublicPlace, a.PublicPlaceKnown));
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
