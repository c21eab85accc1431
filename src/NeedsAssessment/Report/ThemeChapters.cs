using System.Globalization;
using NeedsAssessment.Charts;
using NeedsAssessment.Descriptives;
using NeedsAssessment.Indicators;

namespace NeedsAssessment.Report;

/// <summary>
/// The partnership's priorities as report chapters (<c>themes:</c> in the assessment file): violence against women and
/// girls, domestic abuse, hate crime, rural and urban parity and early intervention. Each chapter is a view over the
/// indicator stage's published rows and the descriptives stage's tables: key findings, the theme's indicators for the
/// partnership and its districts with their intervals, the trend, where (districts, and the wards whose rate is clearly
/// above the partnership's), who, how its rates differ between the urban and rural parts of the area, and, where the
/// loaded data cannot answer, which data would. Nothing is queried, computed or suppressed here. <see cref="Build"/>
/// turns result rows into <see cref="ThemeChapter"/> views, which <c>Templates/themes.liquid</c> lays out.
/// </summary>
internal static class ThemeChapters
{
    /// <summary>
    /// A theme: its chapter heading, what it is about, its indicators (the first two give the key findings, the first
    /// with financial-year rows the trend), the indicator its "where" is drawn for, its measures in the parity table,
    /// which data answer it, and a note on what it counts.
    /// </summary>
    private sealed record Theme(string Id, string Heading, string Intro, string[] Indicators, string? Where, string[] Parity, string NeedsData, string? Limits = null);

    private static readonly Theme[] Known =
    [
        new("vawg", "Violence against women and girls",
            "Violence against women and girls is a priority of the partnership: stalking and harassment, sexual offences and spiking in pubs and clubs, sexual exploitation. Rates are per woman or girl, or per resident, a year.",
            ["vawg_rate", "stalking_harassment_rate", "sexual_offence_rate", "spiking_rate", "stalking_nte_share", "sexual_offence_nte_share", "spiking_nte_share"], "vawg_rate",
            ["stalking_harassment_rate", "sexual_offence_rate", "spiking_rate"],
            "The force's recorded crime extract (inputs: police-recorded-crime), which carries each crime's Home Office offence code, the victim's sex and age and the domestic abuse and night-time economy flags, answers it; spiking also needs the extract's optional offence subcode (HO Offence Subcode), and female victims' rates by age the population by sex and single year of age (inputs: population-syoa). police.uk street-level files carry none of these.",
            "Spiking is counted by its Home Office offences, listed with their sources in data-schemas/reference/ho-offence-subcodes.csv: administering a substance with intent (88/5, recorded under 88C), administering poison so as to endanger life or with intent to injure (5/10 and 8/2, under 5E and 8N), administering a stupefying drug to commit an offence (5/5) and using noxious substances to harm or intimidate (5/24). Those classification codes hold other offences too, so spiking needs the offence subcode. Night-time economy shares use the force extract's night-time economy venue flag, as the impact indicators do."),
        new("domestic_abuse", "Domestic abuse",
            "Domestic abuse is a priority of the partnership, with MATAC, the multi-agency process that targets the most harmful and serial perpetrators.",
            ["da_rate"], "da_rate", ["da_rate"],
            "The force's recorded crime extract (inputs: police-recorded-crime) with its domestic abuse flag answers it, and its optional pseudonymised victim and suspect keys (Victim Key, Suspect Key) give repeat victims and suspects; police.uk street-level files carry no domestic abuse flag.",
            "Repeat victims and repeat suspects, which MATAC-style targeting needs, are counted from pseudonymised victim and suspect keys in the force extract (victim_key, suspect_key); the keys never leave the store, only counts of people do."),
        new("hate", "Hate crime and community cohesion",
            "Hate crime: offences the police recorded with a hate strand (race, religion, sexual orientation, disability, transgender identity), and the serious violence among them. Strands are small numbers, so many cells are hidden.",
            ["hate_rate", "hate_sv_rate", "hate_race_rate", "hate_religion_rate", "hate_sexual_orientation_rate", "hate_disability_rate", "hate_transgender_rate"], "hate_rate",
            ["hate_rate", "hate_sv_rate"],
            "The force's recorded crime extract (inputs: police-recorded-crime) with its hate strands answers it; police.uk street-level files carry no hate flag."),
        new("rural", "Rural and urban parity",
            "Parity of services between urban and rural communities is a priority of the partnership. Rates are per resident a year in the urban and in the rural part of the area, and the rate ratio is the rural rate over the urban rate.",
            [], null, ["sv_rate", "vwi_rate", "knife_rate", "da_rate", "hate_sv_rate", "hate_rate", "stalking_harassment_rate", "sexual_offence_rate", "spiking_rate"],
            "The ONS Rural-Urban Classification 2021 of LSOAs (inputs: rural-urban, the file as ONS publishes it) answers it; without it, LSOA boundaries (inputs: boundaries) and census residents give a proxy."),
        new("early_intervention", "Early intervention",
            "Early intervention: serious violence against and by children and young people, in public places, and the youth justice cohorts, by district.",
            ["under25_victim_rate", "victim_10_17_rate", "suspect_under25_rate", "suspect_10_17_rate", "youth_public_place_rate", "under25_share", "youth_fte_rate", "youth_reoffending_rate"],
            "under25_victim_rate", [],
            "The force's recorded crime extract (inputs: police-recorded-crime) with victims' and suspects' age bands and the location type, and the youth justice cohorts (inputs: justice-cohort: first-time entrants and proven reoffending), answer it; police.uk street-level files carry no ages."),
    ];

    /// <summary>Theme ids in chapter order.</summary>
    public static IReadOnlyList<string> All { get; } = Known.Select(t => t.Id).ToList();

    /// <summary>The chart files' subjects of the theme figures (<c>charts:</c> in the assessment file can name them).</summary>
    public static IReadOnlyList<string> ChartSubjects { get; } = Known.SelectMany(t => new[] { "districts", "parts", "victims-by-age" }.Select(s => $"{SectionId(t)}-{s}")).ToList();

    private static IEnumerable<Theme> Chosen(IReadOnlyList<string>? themes) => Known.Where(t => themes is null || themes.Contains(t.Id));

    private static string SectionId(Theme t) => "theme-" + t.Id.Replace('_', '-');

    /// <summary>The chart file subject of a theme figure's title (<c>theme-hate-districts</c>), or null for any other figure.</summary>
    public static string? ChartSubject(string title)
    {
        var t = Known.FirstOrDefault(k => title.StartsWith(k.Heading + ":", StringComparison.Ordinal));
        if (t is null) return null;
        var rest = title[(t.Heading.Length + 1)..];
        var kind = rest.Contains("by district", StringComparison.Ordinal) ? "districts" : rest.Contains("urban and rural", StringComparison.Ordinal) ? "parts" : "victims-by-age";
        return $"{SectionId(t)}-{kind}";
    }

    /// <summary>The contents entries of the chosen chapters.</summary>
    public static IReadOnlyList<ContentsEntry> Contents(IReadOnlyList<string>? themes) => Chosen(themes).Select(t => new ContentsEntry(SectionId(t), t.Heading)).ToList();

    /// <summary>The chosen chapters as views of the published rows; their figures are drawn, in order, through <paramref name="figures"/>.</summary>
    public static IReadOnlyList<ThemeChapter> Build(ReportView data, IReadOnlyList<ReportIndicator> indicators, IReadOnlyList<string>? themes, ChartCaption caption, ReportFigures figures)
    {
        ThemeBlock Draw(Chart chart) => ThemeBlock.Of(figures.Draw(chart));
        var chapters = new List<ThemeChapter>();
        foreach (var t in Chosen(themes))
        {
            var rows = indicators.Where(r => t.Indicators.Contains(r.Id)).ToList();
            var parity = data.Descriptives.RuralUrban.Where(r => t.Parity.Contains(r.Measure)).ToList();
            var blocks = new List<ThemeBlock>();
            Indicators(blocks, t, rows, data);
            // A theme the loaded data cannot answer at all says so once, with the data that would, and what it counts.
            if (t.Indicators.Length == 0 || rows.Count > 0)
            {
                Trend(blocks, t, data);
                    Where(blocks, t, rows, data, caption, Draw);
                Who(blocks, t, data, caption, Draw);
                UrbanRural(blocks, t, parity, data, caption, Draw);
            }
            if (t.Limits is { } limits) blocks.Add(ThemeBlock.Note(limits));
            chapters.Add(new ThemeChapter(t.Id, SectionId(t), t.Heading, t.Intro, Findings(t, rows, parity, data).ToList(), blocks));
        }
        return chapters;
    }

    private static void Indicators(List<ThemeBlock> blocks, Theme t, List<ReportIndicator> rows, ReportView data)
    {
        if (t.Indicators.Length == 0) return;
        var missing = t.Indicators.Where(id => !rows.Any(r => r.Id == id)).ToList();
        if (rows.Count == 0)
        {
            blocks.Add(ThemeBlock.Note($"The loaded data cannot answer this: no indicator of the theme could be computed. {t.NeedsData}"));
            return;
        }
        blocks.Add(ThemeBlock.Heading("Indicators: the partnership and its districts"));
        blocks.Add(ThemeBlock.Of(Table($"{t.Heading}: the partnership and its districts, {data.Label}",
            ["Indicator", "Area", "Count", "Value", "95% confidence interval", "Compared with partnership"],
            rows.Select(r => (IReadOnlyList<HtmlCell>)[
                r.Name, r.AreaName, r.Count is null && !r.Suppressed ? HtmlTables.Number("-") : HtmlTables.Count(r.Count, r.Suppressed),
                HtmlTables.Number(r.HasValue ? AssessmentReport.FormatValue(r, r.Value!.Value) : ReportFormat.Hidden),
                HtmlTables.Number(r.HasValue ? ReportFormat.Interval(r.Lower, r.Upper, v => AssessmentReport.FormatValue(r, v)) : "-"),
                r.Comparison]).ToList())));
        if (missing.Count > 0) blocks.Add(ThemeBlock.Note($"Not computed from the loaded data: {string.Join("; ", missing.Select(Name))}. {t.NeedsData}"));
    }

    /// <summary>The theme's first indicator with financial-year rows, for the partnership, year by year.</summary>
    private static void Trend(List<ThemeBlock> blocks, Theme t, ReportView data)
    {
        foreach (var id in t.Indicators)
        {
            var years = data.Indicators.Where(r => r.IndicatorId == id && r.Level == "partnership" && r.PeriodType == PeriodTypes.FinancialYear)
                .OrderBy(r => r.PeriodStart).ToList();
            if (years.Count == 0) continue;
            blocks.Add(ThemeBlock.Heading("Trend"));
            blocks.Add(ThemeBlock.Of(Table($"Trend: {Name(id)}, {data.PartnershipName}, by financial year",
                ["Financial year", "Count", "Rate", "95% confidence interval"],
                years.Select(r => (IReadOnlyList<HtmlCell>)[
                    $"{r.PeriodStart.Year}/{(r.PeriodStart.Year + 1) % 100:D2}", HtmlTables.Count(r.Count, r.Suppressed),
                    HtmlTables.Number(!r.Suppressed && r.Value is { } v && double.IsFinite(v) ? ReportFormat.Rate(v) : ReportFormat.Hidden),
                    HtmlTables.Number(!r.Suppressed && r.Value is not null ? ReportFormat.Interval(r.Lower95, r.Upper95, ReportFormat.Rate) : "-")]).ToList())));
            return;
        }
    }

    /// <summary>
    /// Where: the theme's main indicator by district against the partnership (a chart), and its hot spot wards: wards
    /// whose published 99.8% interval lies wholly above the partnership's rate, highest first.
    /// </summary>
    private static void Where(List<ThemeBlock> blocks, Theme t, List<ReportIndicator> rows, ReportView data, ChartCaption caption, Func<Chart, ThemeBlock> draw)
    {
        if (t.Where is not { } id) return;
        var districts = rows.Where(r => r.Id == id && r.Level == "district").ToList();
        var whole = rows.FirstOrDefault(r => r.Id == id && r.Level == "partnership");
        if (districts.Count == 0 || whole is not { HasValue: true }) return;
        blocks.Add(ThemeBlock.Heading("Where"));
        blocks.Add(draw(CaterpillarChart.Create(
            districts.Select(r => new AreaValue(r.AreaCode, r.AreaName, r.Value, r.Lower, r.Upper, r.Suppressed, r.Denominator)).ToList(),
            whole.Value!.Value, data.PartnershipShort, whole.Name, caption, $"{t.Heading}: rate by district")));
        var level = data.Indicators.Any(r => r.IndicatorId == id && r.Level == "ward") ? "ward" : "lsoa";
        var all = data.AtHeadline(id, level).ToList();
        if (all.Count == 0)
        {
            blocks.Add(ThemeBlock.Note($"Hot spot wards are not listed: {Name(id)} was not computed for wards or neighbourhoods (add ward to the assessment file's geography levels)."));
            return;
        }
        var areaWord = level == "ward" ? "ward" : "neighbourhood (LSOA)";
        var hot = all.Where(r => !r.Suppressed && r.Value is not null && r.Comparison998 == "higher").OrderByDescending(r => r.Value).ThenBy(r => r.AreaCode, StringComparer.Ordinal).Take(10).ToList();
        if (hot.Count == 0)
        {
            blocks.Add(ThemeBlock.Note($"No {areaWord}'s {Name(id)} is clearly above the partnership's (its 99.8% interval wholly above) in {data.Label}."));
            return;
        }
        blocks.Add(ThemeBlock.Of(Table(
            $"Hot spot {areaWord}s for {Name(id)}: those whose 99.8% interval lies wholly above the partnership's rate, highest first (at most ten), {data.Label}",
            [level == "ward" ? "Ward" : "Neighbourhood", "Count", "Rate", "99.8% confidence interval"],
            hot.Select(r => (IReadOnlyList<HtmlCell>)[r.AreaName ?? r.AreaCode, HtmlTables.Count(r.Count, r.Suppressed), HtmlTables.Number(ReportFormat.Rate(r.Value!.Value)),
                HtmlTables.Number(ReportFormat.Interval(r.Lower998, r.Upper998, ReportFormat.Rate))]).ToList())));
    }

    /// <summary>Who: female victims' rates by age (violence against women and girls), repeat victims and suspects (domestic abuse).</summary>
    private static void Who(List<ThemeBlock> blocks, Theme t, ReportView data, ChartCaption caption, Func<Chart, ThemeBlock> draw)
    {
        if (t.Id == "vawg") FemaleVictims(blocks, data, caption, draw);
        if (t.Id == "domestic_abuse") Repeat(blocks, data);
    }

    private static void FemaleVictims(List<ThemeBlock> blocks, ReportView data, ChartCaption caption, Func<Chart, ThemeBlock> draw)
    {
        var rates = data.Descriptives.VictimRates;
        if (rates.Count == 0)
        {
            blocks.Add(ThemeBlock.Note("Female victims' rates by age are not shown: they need victims' sex and age (the force's recorded crime extract) and the population by sex and single year of age (inputs: population-syoa)."));
            return;
        }
        blocks.Add(ThemeBlock.Heading("Who: women and girls who were victims, by age"));
        var bands = rates.Select(r => r.AgeBand).Distinct().ToList();
        HtmlCell Rate(VictimRate? r) => HtmlTables.Number(r?.Rate is { } v ? ReportFormat.Rate(v) : ReportFormat.Hidden);
        HtmlCell Interval(VictimRate? r) => HtmlTables.Number(r?.Rate is null ? "-" : ReportFormat.Interval(r.Lower95, r.Upper95, ReportFormat.Rate));
        blocks.Add(ThemeBlock.Of(Table(
            $"Victims of serious violence per 1,000 residents of their sex and age a year, {data.Label}: women and girls beside men and boys",
            ["Age", "Female victims", "Female rate", "95% confidence interval", "Male victims", "Male rate", "95% confidence interval"],
            bands.Select(b =>
            {
                var f = rates.FirstOrDefault(r => r.AgeBand == b && r.Sex == "F");
                var m = rates.FirstOrDefault(r => r.AgeBand == b && r.Sex == "M");
                return (IReadOnlyList<HtmlCell>)[b == "all" ? "All ages" : b, HtmlTables.Count(f?.Count, f?.Suppressed ?? true), Rate(f), Interval(f),
                    HtmlTables.Count(m?.Count, m?.Suppressed ?? true), Rate(m), Interval(m)];
            }).ToList())));
        var female = rates.Where(r => r.Sex == "F").ToList();
        if (female.FirstOrDefault(r => r.AgeBand == "all") is { Rate: { } all } && female.Any(r => r.AgeBand != "all" && r.Rate is not null))
            blocks.Add(draw(CaterpillarChart.Create(
                female.Where(r => r.AgeBand != "all").Select(r => new AreaValue(r.AgeBand, r.AgeBand, r.Rate, r.Lower95, r.Upper95, r.Suppressed, r.Denominator)).ToList(),
                all, "all women and girls", "Female victims per 1,000 women and girls of that age a year", caption,
                "Violence against women and girls: female victims by age")));
    }

    private static void Repeat(List<ThemeBlock> blocks, ReportView data)
    {
        var rows = data.Descriptives.Repeat;
        blocks.Add(ThemeBlock.Heading("Who: repeat victims and suspects"));
        if (rows.Count == 0)
        {
            blocks.Add(ThemeBlock.Note("Repeat victims and suspects are not counted: the force extract carries no pseudonymised victim or suspect keys (victim_key, suspect_key)."));
            return;
        }
        blocks.Add(ThemeBlock.Of(Table(
            $"Repeat victims and suspects of serious violence, {data.Label}: people counted by pseudonymised key in the force extract (all serious violence, not only domestic abuse)",
            ["", "Offences with a key", "People", "People with 2 or more offences", "People with 3 or more offences"],
            rows.Select(r => (IReadOnlyList<HtmlCell>)[r.Role == "victim" ? "Victims" : "Suspects", HtmlTables.Count(r.Offences), HtmlTables.Count(r.People),
                HtmlTables.Count(r.PeopleTwoPlus), HtmlTables.Count(r.PeopleThreePlus)]).ToList())));
    }

    /// <summary>The theme's rates in the urban and rural parts, with the rural chapter's account of how the parts were drawn.</summary>
    private static void UrbanRural(List<ThemeBlock> blocks, Theme t, List<RuralUrbanRate> parity, ReportView data, ChartCaption caption, Func<Chart, ThemeBlock> draw)
    {
        if (t.Parity.Length == 0) return;
        var all = data.Descriptives.RuralUrban;
        var proxy = all.Any(r => r.Classification == RuralUrbanAreas.Proxy);
        blocks.Add(ThemeBlock.Heading("Urban and rural"));
        if (t.Id == "rural")
        {
            if (proxy)
                blocks.Add(ThemeBlock.Note("The urban and rural parts here are a proxy, not the ONS Rural-Urban Classification, which is not loaded. "
                    + (data.Descriptives.RuralUrbanLsoas.FirstOrDefault(l => l.Classification == RuralUrbanAreas.Proxy)?.Method ?? "")));
            else if (all.Count > 0)
                blocks.Add(ThemeBlock.Paragraph("The area's neighbourhoods are split by the ONS Rural-Urban Classification 2021 of LSOAs: an LSOA is urban when most of its residents live in a built-up settlement of 10,000 or more."));
        }
        if (all.Count == 0)
        {
            blocks.Add(ThemeBlock.Note($"Urban and rural parts are not compared: neither the ONS Rural-Urban Classification 2021 of LSOAs (inputs: rural-urban) nor LSOA boundaries for a proxy (inputs: boundaries) are loaded."));
            return;
        }
        if (parity.Count == 0)
        {
            blocks.Add(ThemeBlock.Note($"Urban and rural parts are not compared for this theme: its offences are not in the loaded data. {t.NeedsData}"));
            return;
        }
        var source = proxy ? "urban and rural proxy from LSOA boundaries and census residents (not the ONS classification)" : "Rural-Urban Classification 2021 (ONS)";
        blocks.Add(ThemeBlock.Of(Table($"{t.Heading}: urban and rural parts of the area, {data.Label}. {char.ToUpperInvariant(source[0])}{source[1..]}.",
            ["Measure", "Part of the area", "Neighbourhoods", "Residents", "Count", "Rate", "95% confidence interval", "Rural / urban rate ratio (95% interval)"],
            parity.Select(r => (IReadOnlyList<HtmlCell>)[
                r.MeasureName, PartName(r.Part), HtmlTables.Number(ReportFormat.Count(r.Lsoas)), HtmlTables.Number(ReportFormat.Count(Math.Round(r.Residents))),
                HtmlTables.Count(r.Count, r.Suppressed),
                HtmlTables.Number(r.Rate is { } v ? ReportFormat.Rate(v) : ReportFormat.Hidden),
                HtmlTables.Number(r.Rate is null ? "-" : ReportFormat.Interval(r.Lower95, r.Upper95, ReportFormat.Rate)),
                HtmlTables.Number(r.RateRatio is { } q ? $"{Ratio(q)} ({ReportFormat.Interval(r.RatioLower95, r.RatioUpper95, Ratio)})" : r.Part == "rural" ? "-" : "")]).ToList())));
        if (t.Id != "rural") return;
        var first = parity.Select(r => r.Measure).Distinct().FirstOrDefault(m => parity.Any(r => r.Measure == m && r.Part == "rural" && r.Rate is not null) && parity.Any(r => r.Measure == m && r.Part == "urban" && r.Rate is not null));
        var whole = parity.FirstOrDefault(r => r.Measure == first && r.Part == "partnership" && r.Rate is not null);
        if (first is null || whole is null) return;
        blocks.Add(draw(CaterpillarChart.Create(
            parity.Where(r => r.Measure == first && r.Part is "urban" or "rural").Select(r => new AreaValue(r.Part, PartName(r.Part), r.Rate, r.Lower95, r.Upper95, r.Suppressed, r.Denominator)).ToList(),
            whole.Rate!.Value, data.PartnershipShort, whole.MeasureName, proxy ? caption.WithNote("Urban and rural parts: a proxy from LSOA boundaries and census residents, not the ONS classification.") : caption,
            $"{t.Heading}: {ShortMeasure(first)} in the urban and rural parts")));
    }

    /// <summary>The methods section's items for the chapters: how the urban and rural parts were drawn ("Heading. Text").</summary>
    public static IEnumerable<string> MethodsItems(ReportView data)
    {
        var lsoas = data.Descriptives.RuralUrbanLsoas;
        if (lsoas.FirstOrDefault(l => l.Classification == RuralUrbanAreas.Proxy) is { } proxy)
            yield return $"Urban and rural. The ONS Rural-Urban Classification is not loaded, so the urban and rural parts are a proxy, not the ONS classification. {proxy.Method}";
        else if (lsoas.Any(l => l.Classification == RuralUrbanAreas.Ons))
            yield return "Urban and rural. The urban and rural parts are those of the ONS Rural-Urban Classification 2021 of LSOAs as published (Urban_rural_flag): an LSOA is urban when most of its residents live in a built-up settlement of 10,000 or more.";
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
        if (t.Id == "domestic_abuse" && data.Descriptives.Repeat.FirstOrDefault(r => r.Role == "victim") is { PeopleTwoPlus: { } two } victims)
            yield return $"{ReportFormat.Count(two)} victims of serious violence were the victim of two or more offences in {data.Label}"
                + (victims.PeopleThreePlus is { } three ? $", {ReportFormat.Count(three)} of three or more." : ".");
        foreach (var r in parity.Where(r => r.Part == "rural" && r.RateRatio is not null).Take(t.Id == "rural" ? 3 : 1))
        {
            var words = r.RatioUpper95 < 1 ? "lower in rural areas than in urban areas" : r.RatioLower95 > 1 ? "higher in rural areas than in urban areas" : "not clearly different between rural and urban areas";
            yield return $"{r.MeasureName}: {words}, rate ratio {Ratio(r.RateRatio!.Value)} ({ReportFormat.Interval(r.RatioLower95, r.RatioUpper95, Ratio)})"
                + (r.Classification == RuralUrbanAreas.Proxy ? " (urban and rural by a proxy, not the ONS classification)." : ".");
        }
    }

    /// <summary>A chapter table: its caption first, as the chapters read best.</summary>
    private static HtmlTable Table(string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<HtmlCell>> rows) => HtmlTables.Of(headers, rows, caption);

    private static string Name(string id) => IndicatorCatalogue.Default.Indicators.FirstOrDefault(d => d.Id == id)?.Name ?? id;

    /// <summary>"serious violence rate" for a measure whose name begins "Serious violence offences per 1,000 ...".</summary>
    private static string ShortMeasure(string id) => id switch
    {
        "sv_rate" => "serious violence rate",
        "vwi_rate" => "violence with injury rate",
        _ => "rate",
    };

    private static string PartName(string part) => part switch
    {
        "urban" => "Urban",
        "rural" => "Rural",
        "unclassified" => "Not classified",
        _ => "Whole area",
    };

    private static string Ratio(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);

}
