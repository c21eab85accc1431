using System.Globalization;
using NeedsAssessment.Descriptives;
using NeedsAssessment.Indicators;

namespace NeedsAssessment.Report;

/// <summary>The priorities section as <c>priorities.liquid</c> lays it out.</summary>
internal sealed record PrioritiesView(SectionHead Head, string Partnership, HtmlTable? Lines, IReadOnlyList<string> LeftOut);

/// <summary>
/// The priorities section: findings for the partnership to weigh when it sets its priorities, each with its evidence
/// and the result table it comes from: where (districts significantly above the partnership and persistently so, and
/// persistent hot spots), who (victims and justice cohorts with the highest rates), when (days and hours) and which
/// offences (harm share against volume share). A line whose data are missing is left out with the reason. A view:
/// every number is a column of a result row, printed beside the row's interval where it has one.
/// </summary>
internal static class PrioritiesSection
{
    public const string Id = "priorities";
    public const string Heading = "Priorities for the partnership to consider";

    private sealed record Line(string Question, string Finding, HtmlCell Evidence, HtmlCell SetAgainst, string Source);

    private static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    /// <summary>The section's view: its lines (as a table) and the lines left out with why.</summary>
    public static PrioritiesView Build(SectionHead head, ReportView view, IReadOnlyList<TopHotspot> hotspots, string? hotspotPeriod, bool hotspotsRan)
    {
        var lines = new List<Line>();
        var leftOut = new List<string>();
        Where(view, lines, leftOut);
        Hotspots(hotspots, hotspotPeriod, hotspotsRan, lines, leftOut);
        Who(view, lines, leftOut);
        When(view, lines, leftOut);
        Offences(view, lines, leftOut);
        var table = lines.Count == 0 ? null
            : HtmlTables.Of(["Question", "Finding", "Evidence (95% CI)", "Set against (95% CI)", "Source"],
                lines.Select(l => (IReadOnlyList<HtmlCell>)[l.Question, l.Finding, l.Evidence, l.SetAgainst, l.Source]),
                caption: $"Findings for {view.Label} unless a line names another period. A value is above or below another only when its 95% interval excludes it.", cssClass: "priorities");
        return new PrioritiesView(head, view.PartnershipName, table, leftOut);
    }

    private static HtmlCell ValueWithInterval(IndicatorValue r) =>
        HtmlTables.Number($"{IndicatorComparisonSection.Format(r, r.Value!.Value)} ({ReportFormat.Interval(r.Lower95, r.Upper95, v => IndicatorComparisonSection.Format(r, v))})");

    private static string Source(IndicatorValue r) =>
        $"{IndicatorTable.ExportName}: {r.IndicatorId}, {r.Level} {r.AreaCode}, {ReportFormat.Period(r.PeriodStart, r.PeriodEnd)}";

    private static void Where(ReportView view, List<Line> lines, List<string> leftOut)
    {
        var districts = view.AtHeadline("sv_rate", "district").Where(r => !r.Suppressed && r.Value is not null).ToList();
        var whole = view.AtHeadline("sv_rate", "partnership").FirstOrDefault(r => !r.Suppressed && r.Value is not null);
        if (districts.Count < 2 || whole is null)
        {
            leftOut.Add("Where (districts): the indicator stage has no serious violence rate for the partnership and at least two districts in this period.");
            return;
        }
        var above = districts.Where(r => r.Comparison95 == "higher").OrderByDescending(r => r.Comparison998 == "higher").ThenByDescending(r => r.Value).ThenBy(r => r.AreaCode, StringComparer.Ordinal).ToList();
        if (above.Count == 0)
        {
            lines.Add(new Line("Where", "No district's serious violence rate per 1,000 residents a year is significantly above the partnership's (evidence: the partnership's rate): no district stands out on this measure.", ValueWithInterval(whole), "-", Source(whole)));
            return;
        }
        // Persistence: the same comparison in the district's financial years up to the headline period.
        var years = view.Indicators.Where(r => r.IndicatorId == "sv_rate" && r.Level == "district" && r.PeriodType == PeriodTypes.FinancialYear && r.PeriodEnd <= view.Period.PeriodEnd).ToList();
        foreach (var d in above.Take(3))
        {
            var own = years.Where(y => y.AreaCode == d.AreaCode).OrderByDescending(y => y.PeriodStart).Take(3).ToList();
            var higher = own.Count(y => y.Comparison95 == "higher");
            var persistence = own.Count < 2 ? "there are too few earlier financial years to say whether this persists"
                : higher == own.Count ? $"it was also above the partnership in each of the last {Words(own.Count)} financial years, so this is persistent"
                : $"it was above the partnership in {Words(higher)} of the last {Words(own.Count)} financial years";
            var strength = d.Comparison998 == "higher" ? "at 99.8% as well as 95% confidence" : "at 95% confidence (not at 99.8%)";
            lines.Add(new Line("Where", $"{d.AreaName ?? d.AreaCode} has a serious violence rate per 1,000 residents a year significantly above the partnership's, {strength}; {persistence}.",
                ValueWithInterval(d), ValueWithInterval(whole), Source(d)));
        }
    }

    private static void Hotspots(IReadOnlyList<TopHotspot> top, string? period, bool ran, List<Line> lines, List<string> leftOut)
    {
        if (!ran) { leftOut.Add("Where (hot spots): the hot spot stage has not run on this store."); return; }
        if (top.Count == 0) { leftOut.Add($"Where (hot spots): no grid square was a hot spot in {period}."); return; }
        if (top.All(h => h.Trend is null))
        {
            leftOut.Add("Where (persistent hot spots): the hot spot stage classified no square over time (it needs at least two yearly periods), so persistence cannot be judged.");
            return;
        }
        var persistent = top.Where(h => h.Trend == "persistent").Take(3).ToList();
        if (persistent.Count == 0)
        {
            lines.Add(new Line("Where", $"None of the strongest hot spots of {period} is persistent (hot in most yearly periods): they are emerging, intermittent or new, so they may move.", "-", "-", "hotspot_top (trend)"));
            return;
        }
        foreach (var h in persistent)
            lines.Add(new Line("Where", $"The hot spot around {h.LsoaName}{(h.District.Length > 0 ? $" ({h.District})" : "")} is persistent: hot in most yearly periods, not only in {period}. Evidence: its peak square's Gi* z-score, set against the offences in its squares. Main offence group: {h.OffenceGroup ?? "not recorded"}.",
                HtmlTables.Number($"Gi* z {ReportFormat.Number(h.Z, 1)}"), HtmlTables.Count(h.Count),
                $"hotspot_top: rank {h.Rank.ToString(CultureInfo.InvariantCulture)}, {h.UnitId}, trend"));
    }

    private static void Who(ReportView view, List<Line> lines, List<string> leftOut)
    {
        var d = view.Descriptives;
        var knownAges = d.Victims.Any(v => v.AgeBand is not ("all" or "unknown") && v.Count is > 0);
        var young = view.AtHeadline("under25_victim_rate", "partnership").FirstOrDefault(r => !r.Suppressed && r.Value is not null);
        var whole = view.AtHeadline("sv_rate", "partnership").FirstOrDefault(r => !r.Suppressed && r.Value is not null);
        if (!knownAges)
            leftOut.Add($"Who (victims): {ReportFormat.SourceName(view.Period.PoliceSource).ToLowerInvariant()} records carry no victim age or sex, so no group of victims can be compared.");
        else if (young is null || whole is null)
            leftOut.Add("Who (victims): the indicator stage has no rate of violence against victims under 25 for this period.");
        else
        {
            var above = young.Lower95 > whole.Upper95;
            lines.Add(new Line("Who", $"Serious violence against victims under 25, per 1,000 residents aged 10-24 a year, {(above ? "is well above" : young.Upper95 < whole.Lower95 ? "is below" : "overlaps")} the rate for residents of all ages{(above ? " (the intervals do not overlap)" : "")}. The denominators differ (young residents against all residents).",
                ValueWithInterval(young), ValueWithInterval(whole), Source(young)));
        }
        // Age and sex rates need the population by age and sex beside each victim count: not yet a result table.
        if (knownAges) leftOut.Add("Who (victims by age and sex): the results hold victim counts by age band and sex but no rates with intervals for them, so the groups are not ranked here; the counts are in the Who section.");

        var cohorts = d.Cohorts.Where(c => !c.Suppressed && c.Value is not null).GroupBy(c => c.CohortKind).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (cohorts.Count == 0) { leftOut.Add("Who (justice cohorts): no youth justice or probation cohort data were loaded, or every rate is hidden under the small-number rule."); return; }
        foreach (var g in cohorts)
        {
            var all = g.FirstOrDefault(c => c.AgeBand == "all");
            var top = g.Where(c => c.AgeBand != "all").OrderByDescending(c => c.Value).ThenBy(c => c.Position).FirstOrDefault();
            if (top is null || all is null) continue;
            string F(double v) => top.PerPopulation ? ReportFormat.Rate(v) : ReportFormat.Percent(v);
            var what = top.PerPopulation ? "per 100,000 residents aged 10-17" : "% of the cohort";
            lines.Add(new Line("Who", $"{ReportFormat.Words(g.Key)}: the highest {(top.PerPopulation ? "rate" : "share")} ({what}) is among those aged {top.AgeBand}, set against all ages{(top.Lower95 > all.Upper95 ? "; the intervals do not overlap" : "; the intervals overlap, so the difference may be chance")}.",
                HtmlTables.Number($"{F(top.Value!.Value)} ({ReportFormat.Interval(top.Lower95, top.Upper95, F)})"), HtmlTables.Number($"{F(all.Value!.Value)} ({ReportFormat.Interval(all.Lower95, all.Upper95, F)})"),
                $"{DescriptiveTables.Cohorts}: {g.Key}, {ReportFormat.Period(top.PeriodStart, top.PeriodEnd)}"));
        }
    }

    private static void When(ReportView view, List<Line> lines, List<string> leftOut)
    {
        var cells = view.Descriptives.DayHour.Where(c => !c.Suppressed && c.Count is not null).ToList();
        if (cells.Count == 0)
            leftOut.Add($"When (days and hours): {ReportFormat.SourceName(view.Period.PoliceSource).ToLowerInvariant()} records carry no time of day, or every hour is hidden under the small-number rule.");
        else
        {
            var busiest = cells.OrderByDescending(c => c.Count).ThenBy(c => c.IsoDay).ThenBy(c => c.Hour).Take(3).ToList();
            var quietest = cells.OrderBy(c => c.Count).ThenBy(c => c.IsoDay).ThenBy(c => c.Hour).First();
            static string Hour(DayHourCell c) => $"{Days[(int)c.IsoDay - 1]} {c.Hour:00}:00-{c.Hour:00}:59";
            lines.Add(new Line("When", $"The hours of the week with the most offences are {string.Join(", ", busiest.Select(Hour))}; the quietest is {Hour(quietest)}. Counts of every recorded offence, not estimates, so no interval; offences without a recorded time are left out.",
                HtmlTables.Count(busiest[0].Count), HtmlTables.Count(quietest.Count), $"{DescriptiveTables.DayHour}"));
        }
        var nte = view.AtHeadline("nte_share", "partnership").FirstOrDefault(r => !r.Suppressed && r.Value is not null);
        if (nte is null) leftOut.Add("When (night-time economy): no offence in the period carries the night-time economy flag, or the share is hidden.");
        else lines.Add(new Line("When", "Share of serious violence linked to the night-time economy, among offences with the flag recorded.", ValueWithInterval(nte), "-", Source(nte)));
    }

    private static void Offences(ReportView view, List<Line> lines, List<string> leftOut)
    {
        var mix = view.Descriptives.OffenceMix.Where(m => !m.Suppressed && m.HarmShare is not null && m.Share is not null).ToList();
        if (mix.Count == 0)
        {
            leftOut.Add(view.Descriptives.OffenceMix.Any(m => m.SeverityIsRange)
                ? $"Which offences: {ReportFormat.SourceName(view.Period.PoliceSource).ToLowerInvariant()} records carry crime types, not offences, so no group's share of harm (maximum penalty) can be set against its share of offences."
                : "Which offences: the descriptives stage has no harm share for any offence group (no offence's maximum penalty is known, or the table predates the harm share; run the assessment again).");
            return;
        }
        var heavy = mix.Where(m => m.HarmShare > m.Share).OrderByDescending(m => m.HarmShare).ThenBy(m => m.Rank).Take(3).ToList();
        if (heavy.Count == 0)
        {
            leftOut.Add("Which offences: no offence group's share of harm exceeds its share of offences.");
            return;
        }
        foreach (var m in heavy)
            lines.Add(new Line("Which offences", $"{(m.OffenceGroup.Contains('_', StringComparison.Ordinal) ? ReportFormat.Words(m.OffenceGroup) : m.OffenceGroup)}: a larger share of the harm (total maximum penalty) than of the offences. Shares of every recorded offence, so no interval.",
                HtmlTables.Number($"{ReportFormat.Percent(m.HarmShare!.Value)} of harm"), HtmlTables.Number($"{ReportFormat.Percent(m.Share!.Value)} of offences"),
                $"{DescriptiveTables.OffenceMix}: rank {m.Rank.ToString(CultureInfo.InvariantCulture)}"));
    }

    private static string Words(int n) => n switch { 1 => "one", 2 => "two", 3 => "three", 4 => "four", 5 => "five", _ => n.ToString(CultureInfo.InvariantCulture) };
}
