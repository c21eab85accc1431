using System.Globalization;
using System.Text;
using NeedsAssessment.Descriptives;

namespace NeedsAssessment.Report;

/// <summary>
/// The partnership's priorities as report chapters (<c>themes:</c> in the assessment file): violence against women and
/// girls, domestic abuse, hate crime, rural and urban parity and early intervention. Each chapter is a view over the
/// indicator stage's published rows and the descriptives stage's rural and urban table: the theme's indicators for the
/// partnership and its districts with their intervals, how its rates differ between the urban and rural parts of the
/// area, and, where the loaded data cannot answer, which data would. Nothing is queried, computed or suppressed here.
/// </summary>
internal static class ThemeChapters
{
    /// <summary>A theme: its chapter heading, what it is about, its indicators, its measures in the parity table, and which data answer it.</summary>
    private sealed record Theme(string Id, string Heading, string Intro, string[] Indicators, string[] Parity, string NeedsData, string? Limits = null);

    private static readonly Theme[] Known =
    [
        new("vawg", "Violence against women and girls",
            "Violence against women and girls is a priority of the partnership: stalking and harassment, sexual offences and spiking in pubs and clubs, sexual exploitation. Rates are per woman or girl, or per resident, a year.",
            ["vawg_rate", "stalking_harassment_rate", "sexual_offence_rate"], ["stalking_harassment_rate", "sexual_offence_rate"],
            "The force's recorded crime extract (police-recorded-crime), which carries the victim's sex, the domestic abuse flag and the Home Office offence code of each crime, answers it; police.uk street-level files carry none of these.",
            "Spiking (administering a substance with intent) has no Home Office offence code in the engine's offence reference data yet, so it is not measured."),
        new("domestic_abuse", "Domestic abuse",
            "Domestic abuse is a priority of the partnership, with MATAC, the multi-agency process that targets the most harmful and serial perpetrators.",
            ["da_rate"], ["da_rate"],
            "The force's recorded crime extract (police-recorded-crime) with its domestic abuse flag answers it; police.uk street-level files carry no domestic abuse flag.",
            "Repeat victims and repeat suspects, which MATAC-style targeting needs, are counted from pseudonymised victim and suspect keys in the force extract (victim_key, suspect_key); the keys never leave the store, only counts of people do."),
        new("hate", "Hate crime and community cohesion",
            "Hate crime: offences the police recorded with a hate strand (race, religion, sexual orientation, disability, transgender identity), and the serious violence among them. Strands are small numbers, so many cells are hidden.",
            ["hate_rate", "hate_sv_rate", "hate_race_rate", "hate_religion_rate", "hate_sexual_orientation_rate", "hate_disability_rate", "hate_transgender_rate"], ["hate_rate", "hate_sv_rate"],
            "The force's recorded crime extract (police-recorded-crime) with its hate strands answers it; police.uk street-level files carry no hate flag."),
        new("rural", "Rural and urban parity",
            "Parity of services between urban and rural communities is a priority of the partnership. The area's neighbourhoods are split by the ONS Rural-Urban Classification 2021; rates are per resident a year in each part, and the rate ratio is the rural rate over the urban rate.",
            [], ["sv_rate", "vwi_rate", "knife_rate", "da_rate", "hate_sv_rate", "hate_rate", "stalking_harassment_rate", "sexual_offence_rate"],
            "The ONS Rural-Urban Classification 2021 of LSOAs (inputs: rural-urban, the file as ONS publishes it) answers it."),
        new("early_intervention", "Early intervention",
            "Early intervention: serious violence against children and young people, and the youth justice cohorts, by district.",
            ["under25_victim_rate", "victim_10_17_rate", "under25_share", "youth_fte_rate", "youth_reoffending_rate"], [],
            "The force's recorded crime extract (police-recorded-crime) with victims' age bands, and the youth justice cohorts (justice-cohort), answer it; police.uk street-level files carry no ages.",
            "Suspects' ages are not carried into the classified events, so suspects under 25 are not measured yet."),
    ];

    /// <summary>Theme ids in chapter order.</summary>
    public static IReadOnlyList<string> All { get; } = Known.Select(t => t.Id).ToList();

    private static IEnumerable<Theme> Chosen(IReadOnlyList<string>? themes) => Known.Where(t => themes is null || themes.Contains(t.Id));

    private static string SectionId(Theme t) => "theme-" + t.Id.Replace('_', '-');

    /// <summary>The contents entries of the chosen chapters; returns <paramref name="sb"/>.</summary>
    public static StringBuilder Contents(StringBuilder sb, IReadOnlyList<string>? themes)
    {
        foreach (var t in Chosen(themes))
            sb.Append("<li><a href=\"#").Append(SectionId(t)).Append("\">").Append(ReportFormat.Html(t.Heading)).Append("</a></li>");
        return sb;
    }

    /// <summary>Writes one chapter per chosen theme.</summary>
    public static void Write(StringBuilder sb, ReportView data, IReadOnlyList<ReportIndicator> indicators, IReadOnlyList<string>? themes)
    {
        foreach (var t in Chosen(themes))
        {
            sb.Append("<section id=\"").Append(SectionId(t)).Append("\">\n<h2>").Append(H(t.Heading)).Append("</h2>\n");
            sb.Append("<p>").Append(H(t.Intro)).Append("</p>\n");
            var rows = indicators.Where(r => t.Indicators.Contains(r.Id)).ToList();
            var parity = data.Descriptives.RuralUrban.Where(r => t.Parity.Contains(r.Measure)).ToList();
            var findings = Findings(t, rows, parity, data).ToList();
            if (findings.Count > 0)
            {
                sb.Append("<ul class=\"findings\">\n");
                foreach (var f in findings) sb.Append("<li>").Append(H(f)).Append("</li>\n");
                sb.Append("</ul>\n");
            }
            var missing = t.Indicators.Where(id => !rows.Any(r => r.Id == id)).ToList();
            if (t.Indicators.Length > 0 && rows.Count == 0)
                sb.Append("<p class=\"note missing\">").Append(H($"The loaded data cannot answer this: no indicator of the theme could be computed. {t.NeedsData}")).Append("</p>\n");
            else if (missing.Count > 0)
                sb.Append("<p class=\"note\">").Append(H($"Not computed from the loaded data: {string.Join("; ", missing.Select(Name))}. {t.NeedsData}")).Append("</p>\n");
            if (rows.Count > 0)
                HtmlTables.Table(sb, ["Indicator", "Area", "Count", "Value", "95% confidence interval", "Compared with partnership"],
                    rows.Select(r => (IReadOnlyList<HtmlCell>)[
                        r.Name, r.AreaName, r.Count is null && !r.Suppressed ? HtmlTables.Number("-") : HtmlTables.Count(r.Count, r.Suppressed),
                        HtmlTables.Number(r.HasValue ? AssessmentReport.FormatValue(r, r.Value!.Value) : ReportFormat.Hidden),
                        HtmlTables.Number(r.HasValue ? ReportFormat.Interval(r.Lower, r.Upper, v => AssessmentReport.FormatValue(r, v)) : "-"),
                        r.Comparison]),
                    caption: $"{t.Heading}: the partnership and its districts, {data.Label}");
            Trend(sb, t, data);
            if (t.Parity.Length > 0)
            {
                if (data.Descriptives.RuralUrban.Count == 0)
                    sb.Append("<p class=\"note\">").Append(H("Urban and rural parts are not compared: the ONS Rural-Urban Classification 2021 of LSOAs is not loaded (inputs: rural-urban, the file as ONS publishes it).")).Append("</p>\n");
                else if (parity.Count > 0)
                    HtmlTables.Table(sb, ["Measure", "Part of the area", "Neighbourhoods", "Residents", "Count", "Rate", "95% confidence interval", "Rural / urban rate ratio (95% interval)"],
                        parity.Select(r => (IReadOnlyList<HtmlCell>)[
                            r.MeasureName, PartName(r.Part), HtmlTables.Number(ReportFormat.Count(r.Lsoas)), HtmlTables.Number(ReportFormat.Count(Math.Round(r.Residents))),
                            HtmlTables.Count(r.Count, r.Suppressed),
                            HtmlTables.Number(r.Rate is { } v ? ReportFormat.Rate(v) : ReportFormat.Hidden),
                            HtmlTables.Number(r.Rate is null ? "-" : ReportFormat.Interval(r.Lower95, r.Upper95, ReportFormat.Rate)),
                            HtmlTables.Number(r.RateRatio is { } q ? $"{Ratio(q)} ({ReportFormat.Interval(r.RatioLower95, r.RatioUpper95, Ratio)})" : r.Part == "rural" ? "-" : "")]),
                        caption: $"{t.Heading}: urban and rural parts of the area, {data.Label}. Rural-Urban Classification 2021 (ONS).");
                else
                    sb.Append("<p class=\"note\">").Append(H($"Urban and rural parts are not compared for this theme: its offences are not in the loaded data. {t.NeedsData}")).Append("</p>\n");
            }
            if (t.Id == "domestic_abuse") Repeat(sb, data);
            if (t.Limits is { } limits) sb.Append("<p class=\"note\">").Append(H(limits)).Append("</p>\n");
            sb.Append("</section>\n");
        }
    }

    /// <summary>The theme's first computed indicator for the partnership in each financial year the indicator stage published.</summary>
    private static void Trend(StringBuilder sb, Theme t, ReportView data)
    {
        foreach (var id in t.Indicators)
        {
            var years = data.Indicators.Where(r => r.IndicatorId == id && r.Level == "partnership" && r.PeriodType == Indicators.PeriodTypes.FinancialYear)
                .OrderBy(r => r.PeriodStart).ToList();
            if (years.Count == 0) continue;
            var name = Name(id);
            HtmlTables.Table(sb, ["Financial year", "Count", "Rate", "95% confidence interval"],
                years.Select(r => (IReadOnlyList<HtmlCell>)[
                    $"{r.PeriodStart.Year}/{(r.PeriodStart.Year + 1) % 100:D2}", HtmlTables.Count(r.Count, r.Suppressed),
                    HtmlTables.Number(!r.Suppressed && r.Value is { } v && double.IsFinite(v) ? ReportFormat.Rate(v) : ReportFormat.Hidden),
                    HtmlTables.Number(!r.Suppressed && r.Value is not null ? ReportFormat.Interval(r.Lower95, r.Upper95, ReportFormat.Rate) : "-")]),
                caption: $"Trend: {name}, {data.PartnershipName}, by financial year");
            return;
        }
    }

    private static void Repeat(StringBuilder sb, ReportView data)
    {
        var rows = data.Descriptives.Repeat;
        if (rows.Count == 0)
        {
            sb.Append("<p class=\"note\">").Append(H("Repeat victims and suspects are not counted: the force extract carries no pseudonymised victim or suspect keys (victim_key, suspect_key).")).Append("</p>\n");
            return;
        }
        HtmlTables.Table(sb, ["", "Offences with a key", "People", "People with 2 or more offences", "People with 3 or more offences"],
            rows.Select(r => (IReadOnlyList<HtmlCell>)[r.Role == "victim" ? "Victims" : "Suspects", HtmlTables.Count(r.Offences), HtmlTables.Count(r.People),
                HtmlTables.Count(r.PeopleTwoPlus), HtmlTables.Count(r.PeopleThreePlus)]),
            caption: $"Repeat victims and suspects of serious violence, {data.Label}: people counted by pseudonymised key in the force extract (all serious violence, not only domestic abuse)");
    }

    private static IEnumerable<string> Findings(Theme t, List<ReportIndicator> rows, List<RuralUrbanRate> parity, ReportView data)
    {
        foreach (var id in t.Indicators.Take(2))
        {
            var p = rows.FirstOrDefault(r => r.Id == id && r.Level == "partnership");
            if (p is null || !p.HasValue) continue;
            var higher = rows.Where(r => r.Id == id && r.Level == "district" && r.Comparison == "higher").Select(r => r.AreaName).ToList();
            var text = $"{p.Name}: {AssessmentReport.FormatValue(p, p.Value!.Value)} ({ReportFormat.Interval(p.Lower, p.Upper, v => AssessmentReport.FormatValue(p, v))}) in {data.Label}";
            text += higher.Count > 0 ? $"; higher than the partnership in {string.Join(", ", higher)}." : "; no district is clearly higher than the partnership.";
            yield return text;
        }
        foreach (var r in parity.Where(r => r.Part == "rural" && r.RateRatio is not null).Take(t.Id == "rural" ? 3 : 1))
        {
            var words = r.RatioUpper95 < 1 ? "lower in rural areas than in urban areas" : r.RatioLower95 > 1 ? "higher in rural areas than in urban areas" : "not clearly different between rural and urban areas";
            yield return $"{r.MeasureName}: {words}, rate ratio {Ratio(r.RateRatio!.Value)} ({ReportFormat.Interval(r.RatioLower95, r.RatioUpper95, Ratio)}).";
        }
    }

    private static string Name(string id) => Indicators.IndicatorCatalogue.Default.Indicators.FirstOrDefault(d => d.Id == id)?.Name ?? id;

    private static string PartName(string part) => part switch
    {
        "urban" => "Urban",
        "rural" => "Rural",
        "unclassified" => "Not classified",
        _ => "Whole area",
    };

    private static string Ratio(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    private static string H(string s) => ReportFormat.Html(s);
}
