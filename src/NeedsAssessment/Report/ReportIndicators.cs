using NeedsAssessment.Indicators;

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

/// <summary>One published indicator value for one area, as the report and workbook print it (suppression was applied by its stage).</summary>
internal sealed record ReportIndicator(
    string Id, string Name, string Domain, ValueKind Kind, string Level, string AreaCode, string AreaName, string Period,
    long? Count, double? Denominator, double? Value, double? Lower, double? Upper, string Comparison, bool Suppressed, string Method, string? Note)
{
    public bool HasValue => !Suppressed && Value is { } v && double.IsFinite(v);

    /// <summary>The published row's 99.8% limits (null where it has none).</summary>
    public double? Lower998 { get; init; }

    /// <summary>The published row's upper 99.8% limit.</summary>
    public double? Upper998 { get; init; }

    /// <summary>The benchmark value the row was compared with.</summary>
    public double? BenchmarkValue { get; init; }

    /// <summary>The comparison at 99.8%.</summary>
    public string? Comparison998 { get; init; }
}

/// <summary>
/// The indicator tables: the indicator stage's published rows for the partnership and its districts at the headline
/// period, and the descriptives stage's change on the previous period. Nothing is computed or suppressed here.
/// </summary>
internal static class ReportIndicators
{
    public const string Prevalence = "prevalence";
    public const string Severity = "severity";
    public const string Impact = "impact";

    public static IReadOnlyList<string> Domains { get; } = [Prevalence, Severity, Impact];

    // An indicator not computed for the headline period (a DSR pools three years, a cohort has its own period) is
    // shown at its own latest period, which its row names.
    private static readonly string[] OwnPeriodPreference =
        [PeriodTypes.Rolling12Months, PeriodTypes.Pooled3FinancialYears, PeriodTypes.FinancialYear, PeriodTypes.CohortPeriod, PeriodTypes.Quarter, PeriodTypes.Month];

    public static IReadOnlyList<ReportIndicator> Build(ReportView view, bool includeWards = false)
    {
        var levels = includeWards ? new[] { "partnership", "hub", "district", "ward" } : ["partnership", "district"];
        var catalogue = IndicatorCatalogue.Default.Indicators;
        var order = catalogue.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var names = catalogue.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        // A non-disclosive indicator counts areas or locations, not people or events: its value says how many, and the
        // Count column, which holds counts of events, is left empty rather than showing a small number of areas.
        var areaCounts = catalogue.Where(d => !d.Disclosive).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var result = new List<ReportIndicator>();
        // Offence-subgroup rows (severity_volume) are a breakdown, shown as the offence mix, not one value per area.
        foreach (var group in view.Indicators.Where(r => levels.Contains(r.Level) && r.IndicatorId != "severity_volume").GroupBy(r => r.IndicatorId)
                     .OrderBy(g => order.GetValueOrDefault(g.Key, int.MaxValue)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var atHeadline = group.Where(r => r.PeriodType == view.Period.PeriodType && r.PeriodStart == view.Period.PeriodStart && r.PeriodEnd == view.Period.PeriodEnd).ToList();
            var chosen = atHeadline;
            var own = false;
            if (chosen.Count == 0)
            {
                var type = OwnPeriodPreference.FirstOrDefault(t => group.Any(r => r.PeriodType == t));
                if (type is null) continue;
                var end = group.Where(r => r.PeriodType == type).Max(r => r.PeriodEnd);
                chosen = group.Where(r => r.PeriodType == type && r.PeriodEnd == end).ToList();
                own = true;
            }
            foreach (var r in chosen.OrderBy(r => Array.IndexOf(levels, r.Level)).ThenBy(r => r.AreaCode, StringComparer.Ordinal))
            {
                var comparison = r.Level == "partnership" && r.Comparison95 == "not compared" ? "benchmark" : r.Comparison95;
                var name = names.GetValueOrDefault(r.IndicatorId, r.IndicatorId);
                if (own) name += $" ({ReportFormat.Period(r.PeriodStart, r.PeriodEnd)})";
                result.Add(new ReportIndicator(r.IndicatorId, name, r.Domain, KindOf(r), r.Level, r.AreaCode,
                    r.Level == "partnership" ? view.PartnershipName : r.AreaName ?? r.AreaCode, ReportFormat.Period(r.PeriodStart, r.PeriodEnd),
                    areaCounts.Contains(r.IndicatorId) ? null : r.Count, r.Denominator, r.Value, r.Lower95, r.Upper95, comparison, r.Suppressed, r.Method, r.Note)
                {
                    Lower998 = r.Lower998, Upper998 = r.Upper998, BenchmarkValue = r.BenchmarkValue,
                    Comparison998 = r.Level == "partnership" && r.Comparison998 == "not compared" ? "benchmark" : r.Comparison998,
                });
            }
        }
        // The change belongs next to the rate it changes.
        var at = result.FindLastIndex(r => r.Id == "sv_rate");
        result.InsertRange(at + 1, Change(view));
        return result;
    }

    private static IEnumerable<ReportIndicator> Change(ReportView view)
    {
        var name = $"Change in serious violence on {view.PreviousDescription} ({view.PreviousLabel}), %";
        return view.Descriptives.Change.Select(c => new ReportIndicator("sv_change", name, Prevalence, ValueKind.Percent, c.Level, c.AreaCode,
            c.Level == "partnership" ? view.PartnershipName : c.AreaName, view.Label, c.CurrentCount, c.PreviousCount, c.PercentChange, c.Lower95, c.Upper95,
            c.Comparison, c.Suppressed, c.PercentChange is null ? "none" : "exact conditional binomial", c.Note));
    }

    private static ValueKind KindOf(IndicatorValue r) => r.IndicatorId switch
    {
        "mean_crime_harm" => ValueKind.Mean,
        "convergence_areas" => ValueKind.Whole,
        _ when r.Multiplier == 100 => ValueKind.Percent,
        _ when r.Multiplier >= 1000 => ValueKind.Rate,
        _ => ValueKind.Index,
    };
}
