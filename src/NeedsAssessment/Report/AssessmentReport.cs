using System.Globalization;
using System.Text;
using NeedsAssessment.Charts;
using NeedsAssessment.Classify;
using NeedsAssessment.Store;

namespace NeedsAssessment.Report;

/// <summary>
/// The strategic needs assessment as one self-contained HTML file for senior responsible officers: key findings with
/// intervals, the definition, prevalence, severity and impact, where, when and who, data quality, and methods.
/// Charts are embedded as PNG data URIs and the CSS is inline, so the file opens anywhere with no network and no scripts.
/// </summary>
public static class AssessmentReport
{
    /// <summary>Name of the report file written into the output folder.</summary>
    public const string FileName = "needs-assessment.html";

    /// <summary>Section headings in the order they appear (each also an anchor in the contents list).</summary>
    public static IReadOnlyList<string> SectionHeadings { get; } =
    [
        "Key findings", "The definition used", "Prevalence, severity and impact", "Where", "When", "Who",
        "Expected violence, area types and forecasts", "Data sources and quality", "Methods and caveats",
    ];

    private static readonly string[] SectionIds = ["findings", "definition", "prevalence", "where", "when", "who", "model", "data", "methods"];

    /// <summary>
    /// Writes <c>needs-assessment.html</c> into <paramref name="outputFolder"/>. The same store and options always give a
    /// byte-identical file: no timestamps, no random ids, everything sorted.
    /// </summary>
    /// <param name="store">A store after ingestion and classification.</param>
    /// <param name="outputFolder">Folder to write into (created when absent).</param>
    /// <param name="options">Suppression rule, title and chart size; defaults publish under the NHS 1-7 rule.</param>
    /// <returns>The file written, its size, sections and key findings.</returns>
    /// <exception cref="UserErrorException">The store has no classified events, geography or population.</exception>
    public static ReportResult Write(AssessmentStore store, string outputFolder, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        options ??= new ReportOptions();
        var rule = SmallNumberRule.From(options.Suppression);
        var data = ReportData.Load(store, options);
        var indicators = ReportIndicators.Build(data, rule, options, store);
        var definition = ResolveDefinition(data.Run, options);
        var defName = data.Run?.DefinitionName ?? definition?.Name ?? "unknown";
        var defVersion = data.Run?.DefinitionVersion ?? definition?.Version ?? "?";
        var geometry = ReportGeometry.Build(data.Boundaries, data.Lsoas.ToList());
        var stage = store.TableExists("hotspots") ? Spatial.HotspotAnalysis.Read(store) : null;
        var charts = ReportCharts.Build(data, indicators, geometry, rule, defName, defVersion, stage);
        var findings = KeyFindings(data, indicators, charts, rule);

        var t = new HtmlTables(rule);
        var sb = new StringBuilder(4 << 20);
        var title = options.Title ?? $"Serious violence strategic needs assessment: {data.PartnershipName}";
        sb.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<title>").Append(H(title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");
        sb.Append("<header>\n<h1>").Append(H(title)).Append("</h1>\n<p class=\"lede\">").Append(H($"Serious Violence Duty strategic needs assessment for {data.PartnershipName}, covering {data.Periods.Label} ({data.Periods.Description}), with trends from {ReportFormat.Month(data.Periods.FirstMonth)}. Definition: {defName}, version {defVersion}. Small numbers: {RuleShort(rule)}."))
            .Append("</p>\n</header>\n");
        sb.Append("<nav aria-label=\"Contents\"><h2 class=\"toc\">Contents</h2><ol>");
        for (var i = 0; i < SectionHeadings.Count; i++) sb.Append("<li><a href=\"#").Append(SectionIds[i]).Append("\">").Append(H(SectionHeadings[i])).Append("</a></li>");
        sb.Append("</ol></nav>\n");
        var chartCount = 0;
        void Figures(IEnumerable<Chart> list)
        {
            foreach (var c in list) { Figure(sb, c, options, ++chartCount); }
        }

        // 1. Key findings.
        Open(sb, 0);
        sb.Append("<ul class=\"findings\">\n");
        foreach (var f in findings) sb.Append("<li>").Append(H(f)).Append("</li>\n");
        sb.Append("</ul>\n<p class=\"note\">Ranges in brackets are 95% confidence intervals: the band the true rate is likely to lie in given the numbers involved. \"Higher\" or \"lower\" than the partnership means the whole interval lies above or below the partnership's figure.</p>\n</section>\n");

        // 2. Definition.
        Open(sb, 1);
        Definition(sb, data, definition, defName, defVersion);
        sb.Append("</section>\n");

        // 3. Prevalence, severity and impact.
        Open(sb, 2);
        sb.Append("<p>").Append(H($"Each table shows the partnership and its districts for {data.Periods.Label}. Shading compares each district with the partnership: ")).Append("<span class=\"key higher\">higher</span> <span class=\"key similar\">similar</span> <span class=\"key lower\">lower</span> <span class=\"key nc\">not compared</span>.</p>\n");
        foreach (var domain in ReportIndicators.Domains)
        {
            var rows = indicators.Where(i => i.Domain == domain).ToList();
            if (rows.Count == 0) continue;
            sb.Append("<h3>").Append(H(ReportFormat.Words(domain))).Append("</h3>\n");
            sb.Append("<p>").Append(H(DomainIntro(domain))).Append("</p>\n");
            Matrix(sb, rows, data);
            sb.Append("<details><summary>").Append(H($"Full {domain} table with counts and denominators")).Append("</summary>\n");
            HtmlTables.Table(sb, ["Indicator", "Area", "Count", "Denominator", "Value", "95% confidence interval", "Compared with partnership", "Note"],
                rows.Select(r => (IReadOnlyList<HtmlCell>)[
                    r.Name, r.AreaName, t.Count(r.Count, r.Suppressed),
                    r.Denominator is { } d ? (r.Kind == ValueKind.Percent || r.Id == "sv_change" ? t.Count((long)d, r.Suppressed) : HtmlTables.Number(ReportFormat.Count(Math.Round(d)))) : HtmlTables.Number(r.Suppressed ? ReportFormat.Hidden : "-"),
                    HtmlTables.Number(r.HasValue ? FormatValue(r, r.Value!.Value) : ReportFormat.Hidden),
                    HtmlTables.Number(r.HasValue ? ReportFormat.Interval(r.Lower, r.Upper, v => FormatValue(r, v)) : "-"),
                    r.Comparison, ReportFormat.Prose(r.Note)]));
            sb.Append("</details>\n");
        }
        sb.Append("<h3>Charts</h3>\n");
        Figures(charts.Of(ReportCharts.Prevalence));
        sb.Append("</section>\n");

        // 4. Where.
        Open(sb, 3);
        sb.Append("<p>Hot spots are found on a regular grid of squares with the Getis-Ord Gi* statistic: a square is hot when it and its neighbours together hold more offences than chance would give, after allowing for testing many squares at once. Police locations are anonymised to nearby snap points, so a small cluster can be an artefact of the snapping: check hot spots against local knowledge before acting on them.</p>\n");
        Figures(charts.Of(ReportCharts.Where).Take(1));
        sb.Append("<h3>Top hot spots</h3>\n");
        if (charts.Hotspots is null) sb.Append("<p>Hot spots were not computed: the hot spot stage has not run on this store.</p>\n");
        else if (charts.TopHotspots.Count == 0) sb.Append($"<p>No square was a hot spot at 90% confidence or more in {H(charts.HotspotPeriod ?? "")}.</p>\n");
        else
            HtmlTables.Table(sb, ["Rank", "Nearest neighbourhood", "District", "Offences in the hot spot", "Gi* z-score", "Confidence", "Over time", "Main offence group", "Centre (easting, northing)"],
                charts.TopHotspots.Select(h => (IReadOnlyList<HtmlCell>)[HtmlTables.Number(h.Rank.ToString(CultureInfo.InvariantCulture)), h.LsoaName, h.District, t.Count(h.Count, h.Count is null),
                    HtmlTables.Number(ReportFormat.Number(h.Z, 1)), h.Confidence, ReportFormat.Words(h.Trend ?? "not assessed"), h.OffenceGroup ?? "-",
                    HtmlTables.Number($"{ReportFormat.Count(Math.Round(h.X))}, {ReportFormat.Count(Math.Round(h.Y))}")]),
                caption: $"The ten strongest hot spots (groups of touching hot squares, {Distance(charts.CellSize)} across), {charts.HotspotPeriod}: the hot spot stage's ranked list, the same squares as the map");
        Figures(charts.Of(ReportCharts.Where).Skip(1));
        sb.Append("</section>\n");

        // 5. When.
        Open(sb, 4);
        Figures(charts.Of(ReportCharts.When));
        sb.Append("</section>\n");

        // 6. Who.
        Open(sb, 5);
        Who(sb, data, t, new ChartCaption(ReportFormat.SourceName(data.Periods.PoliceSource), data.Periods.Label, defName, defVersion,
            rule.HideTo > 0 ? $"Counts {rule.HideFrom}-{rule.HideTo} suppressed ({rule.Name} rule). Victims of unknown age or sex not shown." : "Victims of unknown age or sex not shown."),
            c => Figure(sb, c, options, ++chartCount));
        sb.Append("</section>\n");

        // 7. Modelling.
        Open(sb, 6);
        ReportModel.Write(sb, store, t, new ChartCaption(ReportFormat.SourceName(data.Periods.PoliceSource), data.Periods.Label, defName, defVersion),
            c => Figure(sb, c, options, ++chartCount));
        sb.Append("</section>\n");

        // 8. Data sources and quality.
        Open(sb, 7);
        DataQuality(sb, data, t, geometry);
        sb.Append("</section>\n");

        // 9. Methods.
        Open(sb, 8);
        Methods(sb, data, rule, options, charts);
        sb.Append("</section>\n");
        sb.Append("<footer><p>").Append(H($"Produced by NeedsAssessment {EngineInfo.Version} from the assessment store. Figures can be reproduced exactly from the same store.")).Append("</p></footer>\n");
        sb.Append("</main>\n</body>\n</html>\n");

        Directory.CreateDirectory(outputFolder);
        var path = Path.GetFullPath(Path.Combine(outputFolder, FileName));
        var bytes = new UTF8Encoding(false).GetBytes(sb.ToString());
        File.WriteAllBytes(path, bytes);
        return new ReportResult(path, bytes.LongLength, SectionHeadings, chartCount, findings);
    }

    private static string H(string? s) => ReportFormat.Html(s);

    private static string RuleShort(SmallNumberRule rule) => rule.HideTo == 0 ? "not suppressed (internal use only)" : $"counts {rule.HideFrom} to {rule.HideTo} hidden ({rule.Name} rule)";

    private static string Distance(double? metres) => metres is { } m ? (m >= 1000 ? $"{m / 1000:0.#} km" : $"{m:0} m") : "grid";

    private static void Open(StringBuilder sb, int i) =>
        sb.Append("<section id=\"").Append(SectionIds[i]).Append("\">\n<h2>").Append(H(SectionHeadings[i])).Append("</h2>\n");

    private static string DomainIntro(string domain) => domain switch
    {
        ReportIndicators.Prevalence => "How much serious violence there is, relative to the number of residents, in police and health records.",
        ReportIndicators.Severity => "How serious the offences are, judged by the maximum sentence the law allows for each offence.",
        _ => "Who and where the violence affects: public places, young victims, the night-time economy, and how unevenly it falls across neighbourhoods.",
    };

    internal static string FormatValue(ReportIndicator r, double v) => r.Kind switch
    {
        ValueKind.Percent => r.Id == "sv_change" ? (v > 0 ? "+" : "") + ReportFormat.Percent(v) : ReportFormat.Percent(v),
        ValueKind.Rate => ReportFormat.Rate(v),
        ValueKind.Mean => ReportFormat.Number(v, 1),
        ValueKind.Whole => ReportFormat.Number(v, 0),
        _ => ReportFormat.Number(v, 2),
    };

    private static void Matrix(StringBuilder sb, List<ReportIndicator> rows, ReportData data)
    {
        var areas = new List<(string Code, string Name)> { (data.Partnership.Code, data.PartnershipShort) };
        areas.AddRange(data.Districts.Select(d => (d.Code, d.Name)));
        var ids = rows.Select(r => r.Id).Distinct().ToList();
        var headers = new List<string> { "Indicator" };
        headers.AddRange(areas.Select(a => a.Name));
        var table = ids.Select(id =>
        {
            var mine = rows.Where(r => r.Id == id).ToList();
            var cells = new List<HtmlCell> { mine[0].Name };
            foreach (var a in areas)
            {
                var r = mine.FirstOrDefault(x => x.AreaCode == a.Code);
                if (r is null) { cells.Add(new HtmlCell("-", "n nc")); continue; }
                if (!r.HasValue) { cells.Add(new HtmlCell(ReportFormat.Hidden, "n nc", ReportFormat.Prose(r.Note))); continue; }
                var ci = r.Lower is { } lo && r.Upper is { } up && double.IsFinite(lo) && double.IsFinite(up) ? $"<br><small>{H(FormatValue(r, lo))}{(lo < 0 || up < 0 ? " to " : "&ndash;")}{H(FormatValue(r, up))}</small>" : "";
                // Inequality measures are compared with "no inequality", not with the partnership: shading them would mislead.
                var cls = InequalityIds.Contains(r.Id) ? "nc" : r.Comparison switch { "higher" or "increase" => "higher", "lower" or "decrease" => "lower", "similar" or "no clear change" => "similar", "benchmark" => "bench", _ => "nc" };
                cells.Add(new HtmlCell(Span(H(FormatValue(r, r.Value!.Value))) + ci, "n " + cls, r.Comparison == "benchmark" ? "Partnership (benchmark)" : r.Comparison));
            }
            return (IReadOnlyList<HtmlCell>)cells;
        });
        HtmlTables.Table(sb, headers, table, cssClass: "matrix");
    }

    private static readonly HashSet<string> InequalityIds = new(["sv_sii", "sv_rii", "sv_deprivation_rate_ratio"], StringComparer.Ordinal);

    private static string Span(string html) => "<span>" + html + "</span>";

    private static void Figure(StringBuilder sb, Chart chart, ReportOptions options, int number)
    {
        var png = ChartFile.PngBytes(chart.Plot, options.ChartWidth, options.ChartHeight);
        sb.Append("<figure id=\"figure-").Append(number.ToString(CultureInfo.InvariantCulture)).Append("\">\n<img src=\"data:image/png;base64,").Append(Convert.ToBase64String(png))
            .Append("\" width=\"").Append(options.ChartWidth.ToString(CultureInfo.InvariantCulture)).Append("\" height=\"").Append(options.ChartHeight.ToString(CultureInfo.InvariantCulture))
            .Append("\" alt=\"").Append(H(chart.AltText)).Append("\">\n<figcaption><strong>Figure ").Append(number.ToString(CultureInfo.InvariantCulture)).Append(". ").Append(H(chart.Title)).Append(".</strong> ")
            .Append(H(chart.Caption.ToString())).Append("</figcaption>\n");
        sb.Append("<details class=\"data\"><summary>").Append(H($"Data table for figure {number}")).Append("</summary>\n");
        var countColumns = chart.Data.Columns.Select(IsCountColumn).ToArray();
        HtmlTables.Table(sb, chart.Data.Columns, chart.Data.Rows.Select(row => (IReadOnlyList<HtmlCell>)row.Select((v, i) => new HtmlCell(v, i > 0 && countColumns[i] ? "n count" : i > 0 ? "n" : null)).ToList()));
        sb.Append("</details>\n</figure>\n");
    }

    /// <summary>Chart data columns holding counts of people or events (the small-number rule applies to them).</summary>
    internal static bool IsCountColumn(string heading)
    {
        var h = heading.ToLowerInvariant();
        return (h.Contains("offences", StringComparison.Ordinal) || h.Contains("count", StringComparison.Ordinal) || h.Contains("events", StringComparison.Ordinal))
            && !h.Contains("per ", StringComparison.Ordinal) && !h.Contains('%') && !h.Contains("share", StringComparison.Ordinal) && !h.Contains("rolling", StringComparison.Ordinal)
            && !h.Contains("cells", StringComparison.Ordinal)
            // Model outputs: an expected count is a prediction and an excess is observed minus it; the chart itself
            // withholds the excess where the observed count is small.
            && !h.StartsWith("expected", StringComparison.Ordinal) && !h.StartsWith("excess", StringComparison.Ordinal)
            && !h.Contains("forecast", StringComparison.Ordinal) && !h.Contains("limit", StringComparison.Ordinal);
    }

    private static SeriousViolenceDefinition? ResolveDefinition(ClassificationRun? run, ReportOptions options)
    {
        if (options.Definition is not null) return options.Definition;
        if (run is null) return null;
        const string builtIn = "built-in:";
        try
        {
            if (run.DefinitionOrigin.StartsWith(builtIn, StringComparison.Ordinal)) return SeriousViolenceDefinition.LoadBuiltIn(run.DefinitionOrigin[builtIn.Length..]);
            if (File.Exists(run.DefinitionOrigin)) return SeriousViolenceDefinition.Load(run.DefinitionOrigin);
            if (SeriousViolenceDefinition.BuiltInNames.Contains(run.DefinitionName)) return SeriousViolenceDefinition.LoadBuiltIn(run.DefinitionName);
        }
        catch (UserErrorException)
        {
            // A definition file moved or edited since classification: the report still names the one used.
        }
        return null;
    }

    private static void Definition(StringBuilder sb, ReportData data, SeriousViolenceDefinition? definition, string name, string version)
    {
        sb.Append("<p>").Append(H($"The partnership's local definition decides which records count as serious violence. This assessment used \"{name}\", version {version}. Every figure in this report counts only records that meet it.")).Append("</p>\n");
        if (definition is null || definition.Name != name || definition.Version != version)
        {
            sb.Append("<p class=\"warn\">").Append(H("The definition file used for classification could not be found, so its full text is not shown; the name and version above are those recorded on every classified record.")).Append("</p>\n");
            return;
        }
        sb.Append("<div class=\"definition\">\n");
        var inList = false;
        foreach (var raw in DefinitionDescriber.Describe(definition).Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith("- ", StringComparison.Ordinal))
            {
                if (!inList) { sb.Append("<ul>\n"); inList = true; }
                sb.Append("<li>").Append(H(line.TrimStart()[2..])).Append("</li>\n");
                continue;
            }
            if (inList) { sb.Append("</ul>\n"); inList = false; }
            if (string.IsNullOrWhiteSpace(line)) continue;
            sb.Append("<p>").Append(H(line.Trim())).Append("</p>\n");
        }
        if (inList) sb.Append("</ul>\n");
        sb.Append("</div>\n");
        if (data.Run is { } run)
            sb.Append("<p>").Append(H($"Of {ReportFormat.Count(run.Events)} records from all sources, {ReportFormat.Count(run.InDefinition)} met the definition.")).Append("</p>\n");
    }

    private static readonly string[] SexOrder = ["F", "M", "U"];

    private static void Who(StringBuilder sb, ReportData data, HtmlTables t, ChartCaption caption, Action<Chart> figure)
    {
        sb.Append("<h3>Victims</h3>\n");
        var bands = data.Victims.Select(v => v.AgeBand).Distinct().OrderBy(b => b == "unknown" ? 1 : 0).ThenBy(BandStart).ThenBy(b => b, StringComparer.Ordinal).ToList();
        if (bands.Count == 0) sb.Append("<p>The police source records no victim ages.</p>\n");
        else
        {
            var grid = new long[bands.Count, SexOrder.Length];
            foreach (var v in data.Victims)
            {
                var s = Array.IndexOf(SexOrder, v.Sex is "F" or "M" ? v.Sex : "U");
                grid[bands.IndexOf(v.AgeBand), s] += v.Count;
            }
            var hidden = t.SuppressGrid(grid);
            var known = Enumerable.Range(0, bands.Count).Where(b => bands[b] != "unknown").ToList();
            var knownGrid = new long[known.Count, 2];
            var knownHidden = new bool[known.Count, 2];
            for (var k = 0; k < known.Count; k++)
                for (var s = 0; s < 2; s++) { knownGrid[k, s] = grid[known[k], s]; knownHidden[k, s] = hidden[known[k], s]; }
            figure(VictimChart.Create(known.Select(b => bands[b]).ToList(), knownGrid, knownHidden, caption));
            var rows = new List<IReadOnlyList<HtmlCell>>();
            for (var b = 0; b < bands.Count; b++)
            {
                var total = Enumerable.Range(0, SexOrder.Length).Sum(s => grid[b, s]);
                rows.Add([bands[b] == "unknown" ? "Age not recorded" : $"Aged {bands[b]}", t.Count(grid[b, 0], hidden[b, 0]), t.Count(grid[b, 1], hidden[b, 1]), t.Count(grid[b, 2], hidden[b, 2]), t.Count(total)]);
            }
            var colTotals = Enumerable.Range(0, SexOrder.Length).Select(s => Enumerable.Range(0, bands.Count).Sum(b => grid[b, s])).ToArray();
            rows.Add(["All ages", t.Count(colTotals[0]), t.Count(colTotals[1]), t.Count(colTotals[2]), t.Count(colTotals.Sum())]);
            HtmlTables.Table(sb, ["Victim age", "Female", "Male", "Sex not recorded", "All"], rows,
                caption: $"Serious violence offences by victim age and sex, {data.Periods.Label} ({ReportFormat.SourceName(data.Periods.PoliceSource)})");
            var withAge = data.Victims.Where(v => v.AgeBand != "unknown").ToList();
            var young = withAge.Where(v => BandStart(v.AgeBand) < 25).Sum(v => v.Count);
            if (withAge.Sum(v => v.Count) > 0)
                sb.Append("<p>").Append(H($"Victims under 25 were {ReportFormat.Percent(100.0 * young / withAge.Sum(v => v.Count))} of those with a recorded age.")).Append("</p>\n");
        }

        sb.Append("<h3>Justice cohorts</h3>\n");
        if (data.Cohorts.Count == 0) { sb.Append("<p>No youth justice or probation cohort data were loaded.</p>\n"); return; }
        foreach (var kind in data.Cohorts.Select(c => c.CohortKind).Distinct().OrderBy(k => k, StringComparer.Ordinal))
        {
            var rows = data.Cohorts.Where(c => c.CohortKind == kind).OrderBy(c => c.AgeBand == "all" ? 1 : 0).ThenBy(c => BandStart(c.AgeBand)).ThenBy(c => c.AgeBand, StringComparer.Ordinal).ToList();
            var hasDen = rows.Any(r => r.Denominator is > 0);
            // First-time entrants are counted against the resident population aged 10-17, so they are a rate, not a share.
            var perPopulation = kind == "youth_first_time_entrants";
            var grid = new long[rows.Count, 1];
            for (var i = 0; i < rows.Count; i++) grid[i, 0] = rows[i].Count;
            var hidden = rows.Count > 1 ? t.SuppressGrid(grid) : new bool[1, 1] { { t.Rule.Hides(rows[0].Count) } };
            var headers = !hasDen ? new[] { "Age band", "People" }
                : perPopulation ? ["Age band", "People", "Population aged 10-17", "Per 100,000 aged 10-17 (95% CI)"]
                : ["Age band", "People", "Cohort size", "Reoffended, % (95% CI)"];
            var first = rows[0];
            HtmlTables.Table(sb, headers, rows.Select((r, i) =>
            {
                var cells = new List<HtmlCell> { r.AgeBand == "all" ? "All ages" : $"Aged {r.AgeBand}", t.Count(r.Count, hidden[i, 0]) };
                if (hasDen)
                {
                    cells.Add(r.Denominator is { } d ? t.Count((long)d) : HtmlTables.Number("-"));
                    if (hidden[i, 0] || r.Denominator is not > 0 || t.Rule.Hides((long)r.Denominator.Value)) cells.Add(HtmlTables.Number(ReportFormat.Hidden));
                    else if (perPopulation)
                    {
                        var e = Statistics.CrudeRate.Calculate(r.Count, r.Denominator.Value, 100_000);
                        cells.Add(HtmlTables.Number($"{ReportFormat.Rate(e.Value)} ({ReportFormat.Interval(e.Lower, e.Upper, ReportFormat.Rate)})"));
                    }
                    else
                    {
                        var p = Statistics.WilsonProportion.Calculate(r.Count, r.Denominator.Value, 100);
                        cells.Add(HtmlTables.Number($"{ReportFormat.Percent(p.Value)} ({ReportFormat.Interval(p.Lower, p.Upper, ReportFormat.Percent)})"));
                    }
                }
                return (IReadOnlyList<HtmlCell>)cells;
            }), caption: $"{CohortName(kind)}, {ReportFormat.Period(first.PeriodStart, first.PeriodEnd)} (latest period, whole partnership)");
        }
    }

    private static int BandStart(string band)
    {
        var digits = new string(band.TakeWhile(char.IsDigit).ToArray());
        return int.TryParse(digits, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 999;
    }

    private static string CohortName(string kind) => kind switch
    {
        "youth_first_time_entrants" => "Young people (10-17) entering the youth justice system for the first time",
        "youth_reoffending" => "Youth proven reoffending (share of the cohort who reoffend within a year)",
        "adult_reoffending" => "Adult proven reoffending (share of the cohort who reoffend within a year)",
        "adult_probation_caseload" => "Adults on the probation caseload",
        _ => ReportFormat.Words(kind),
    };

    private static void DataQuality(StringBuilder sb, ReportData data, HtmlTables t, ReportGeometry geometry)
    {
        sb.Append("<h3>Sources</h3>\n");
        HtmlTables.Table(sb, ["Source", "Records", "Counted as serious violence", "Counted but with no neighbourhood", "First month", "Last month"],
            data.Sources.Select(s => (IReadOnlyList<HtmlCell>)[ReportFormat.SourceName(s.Source), HtmlTables.Number(ReportFormat.Count(s.Records)), t.Count(s.InDefinition), t.Count(s.NoArea),
                s.First is { } f ? ReportFormat.ShortMonth(f) : "-", s.Last is { } l ? ReportFormat.ShortMonth(l) : "-"]));
        sb.Append("<p>").Append(H($"Police figures come from {ReportFormat.SourceName(data.Periods.PoliceSource).ToLowerInvariant()} only: the force extract and police.uk describe the same crimes, so they are never added together.")).Append("</p>\n");

        sb.Append("<h3>Files loaded</h3>\n");
        var kinds = data.Status.Where(k => k.Files > 0).OrderBy(k => k.Kind, StringComparer.Ordinal).ToList();
        HtmlTables.Table(sb, ["Dataset", "Files", "Rows read", "Rows loaded", "Rows set aside (quarantined)", "Period covered"],
            kinds.Select(k => (IReadOnlyList<HtmlCell>)[k.Title, HtmlTables.Number(ReportFormat.Count(k.Files)), HtmlTables.Number(ReportFormat.Count(k.RowsRead)), HtmlTables.Number(ReportFormat.Count(k.RowsLoaded)),
                HtmlTables.Number(ReportFormat.Count(k.RowsQuarantined)), k.PeriodStart is { } a && k.PeriodEnd is { } b ? $"{ReportFormat.ShortMonth(a)} to {ReportFormat.ShortMonth(b)}" : "-"]));
        var missingKinds = data.Status.Where(k => k.Files == 0).Select(k => k.Title).OrderBy(x => x, StringComparer.Ordinal).ToList();
        if (missingKinds.Count > 0) sb.Append("<p>").Append(H("Not loaded: " + string.Join("; ", missingKinds) + ".")).Append("</p>\n");
        sb.Append("<details><summary>Every file, with rows loaded and set aside</summary>\n");
        HtmlTables.Table(sb, ["File", "Dataset", "Rows read", "Rows loaded", "Rows set aside"],
            kinds.SelectMany(k => k.FileDetails.Select(f => (k.Title, f))).OrderBy(x => x.f.FileName, StringComparer.Ordinal).ThenBy(x => x.f.LoadId)
                .Select(x => (IReadOnlyList<HtmlCell>)[x.f.FileName, x.Title, HtmlTables.Number(ReportFormat.Count(x.f.RowsRead)), HtmlTables.Number(ReportFormat.Count(x.f.RowsLoaded)), HtmlTables.Number(ReportFormat.Count(x.f.RowsQuarantined))]));
        sb.Append("</details>\n");

        sb.Append("<h3>Rows set aside</h3>\n");
        if (data.Quarantine.Count == 0) sb.Append("<p>No rows were set aside: every row read passed the checks.</p>\n");
        else HtmlTables.Table(sb, ["Dataset", "Check failed", "Column", "Rows"],
            data.Quarantine.Select(q => (IReadOnlyList<HtmlCell>)[q.Kind, ReportFormat.Words(q.Rule), q.Column, HtmlTables.Number(ReportFormat.Count(q.Rows))]));

        sb.Append("<h3>Gaps in coverage</h3>\n");
        if (data.Gaps.Count == 0) sb.Append("<p>No source has a month without records between its first and last month.</p>\n");
        else HtmlTables.Table(sb, ["Source", "From", "To", "Months missing"],
            data.Gaps.Select(g => (IReadOnlyList<HtmlCell>)[ReportFormat.SourceName(g.Source), ReportFormat.ShortMonth(g.From), ReportFormat.ShortMonth(g.To), HtmlTables.Number(ReportFormat.Count(g.Months))]));

        sb.Append("<h3>Codes the definition could not place</h3>\n");
        if (data.Unmapped.Count == 0) sb.Append("<p>Every offence, crime type, diagnosis and assault-method code was recognised.</p>\n");
        else
        {
            sb.Append("<p>").Append(H($"These codes match no reference table, so their {ReportFormat.Count(data.Unmapped.Sum(u => u.Records))} records cannot count as serious violence until the mapping is extended.")).Append("</p>\n");
            HtmlTables.Table(sb, ["Source", "Code", "Records"], data.Unmapped.Take(25).Select(u => (IReadOnlyList<HtmlCell>)[ReportFormat.SourceName(u.Source), u.Code, HtmlTables.Number(ReportFormat.Count(u.Records))]));
            if (data.Unmapped.Count > 25) sb.Append("<p>").Append(H($"And {data.Unmapped.Count - 25} more codes.")).Append("</p>\n");
        }

        sb.Append("<h3>Neighbourhood codes not recognised</h3>\n");
        if (data.UnmatchedLsoas.Count == 0)
            sb.Append("<p>").Append(H(data.LookupPresent ? "Every neighbourhood (LSOA) code was found in the 2011-to-2021 lookup." : "No LSOA lookup was loaded, so LSOA codes were taken as 2021 codes without checking.")).Append("</p>\n");
        else HtmlTables.Table(sb, ["Source", "LSOA code", "Records"],
            data.UnmatchedLsoas.Take(25).Select(u => (IReadOnlyList<HtmlCell>)[ReportFormat.SourceName(u.Source), u.Code, t.Count(u.Records)]));
        if (data.Run is { LsoaSplit: > 0 } run)
            sb.Append("<p>").Append(H($"{ReportFormat.Count(run.LsoaSplit)} records carried a 2011 LSOA code that split into several 2021 areas; they are counted in the 2021 area the lookup gives first.")).Append("</p>\n");
        if (geometry.Unreadable > 0)
            sb.Append("<p>").Append(H($"{ReportFormat.Count(geometry.Unreadable)} boundaries could not be read and are missing from the maps.")).Append("</p>\n");
    }

    private static void Methods(StringBuilder sb, ReportData data, SmallNumberRule rule, ReportOptions options, ReportChartSet charts)
    {
        var items = new List<string>
        {
            $"Period. Rates and shares cover {data.Periods.Label}, {data.Periods.Description}; {(data.Periods.HasPrevious ? $"changes compare it with {data.Periods.PreviousLabel}" : "there is no complete earlier period of the same length to compare it with")}. Indicators from the indicator stage use only periods whose every month has data. Trends use every month from {ReportFormat.Month(data.Periods.FirstMonth)}.",
            "Rates. Crude rates per 1,000 or 100,000 residents (Census 2021 usual residents). 95% confidence intervals use exact Poisson limits when the count is under 10 and Byar's method otherwise; shares use Wilson score intervals; changes between periods use an exact conditional binomial interval for the rate ratio.",
            "Comparisons. A district is higher or lower than the partnership only when its whole 95% interval lies above or below the partnership's value; otherwise it is similar. Funnel plot limits are exact Poisson at 95% and 99.8%.",
            "Inequality. The Gini coefficient and Lorenz curve rank neighbourhoods by rate, weighted by population. The slope index of inequality is a weighted regression of decile rates on the population's position from most to least deprived (IMD 2019).",
            $"Small numbers. {rule.Describe()}",
            $"Severity. The statutory maximum penalty is the measure of seriousness; offences with a life maximum count as {options.LifePenaltyDays / 365.25:0} years in averages. police.uk data carry crime types, not offences, so its severity is a range across the offences each type lumps together (for example, common assault with murder), never a single figure.",
            "Locations. police.uk locations are anonymised to snap points at street centres serving at least eight addresses, so a cluster of offences at one point may be an artefact of the snapping rather than a real hot spot; check hot spots against local knowledge. Hot spots use Getis-Ord Gi* on a square grid with the Benjamini-Hochberg correction for testing many squares.",
            "Neighbourhoods. Areas are 2021 LSOAs. Records with 2011 codes were converted with the ONS lookup; deprivation (IMD 2019) is published for 2011 LSOAs and was carried across the same way.",
            "Sources overlap poorly. Police, emergency department, ambulance and hospital admission records describe different and partly overlapping groups of incidents: most violence treated in hospital is never reported to the police. Their figures are shown side by side and never added.",
            "Health data. Emergency department and admission records are placed by the patient's home neighbourhood, police records by where the offence happened.",
        };
        if (charts.Hotspots is null) items.Add("Hot spots. Not computed: the hot spot stage has not run on this store.");
        sb.Append("<ul class=\"methods\">\n");
        foreach (var item in items)
        {
            var dot = item.IndexOf(". ", StringComparison.Ordinal);
            sb.Append("<li><strong>").Append(H(item[..(dot + 1)])).Append("</strong> ").Append(H(item[(dot + 2)..])).Append("</li>\n");
        }
        sb.Append("</ul>\n");
    }

    private static List<string> KeyFindings(ReportData data, IReadOnlyList<ReportIndicator> indicators, ReportChartSet charts, SmallNumberRule rule)
    {
        var f = new List<string>();
        var period = data.Periods.Label;
        ReportIndicator? Get(string id, string code) => indicators.FirstOrDefault(i => i.Id == id && i.AreaCode == code);
        var p = data.Partnership;
        var whole = Get("sv_rate", p.Code);
        if (whole is { HasValue: true })
        {
            // The rate may come from the indicator stage, whose period skips months without data: quote its own period and count.
            var s = $"In {whole.Period} the police recorded {ReportFormat.Count(whole.Count ?? p.SeriousViolence)} serious violence offences in {data.PartnershipName}: {ReportFormat.Rate(whole.Value!.Value)} per 1,000 residents (95% CI {ReportFormat.Interval(whole.Lower, whole.Upper, ReportFormat.Rate)})";
            var ch = Get("sv_change", p.Code);
            if (ch is { HasValue: true, Lower: not null })
                s += $", {ChangeWords(ch)} on {data.Periods.PreviousDescription}";
            f.Add(s + ".");
        }
        var districts = indicators.Where(i => i.Id == "sv_rate" && i.Level == "district" && i.HasValue).ToList();
        var higher = districts.Where(d => d.Comparison == "higher").OrderByDescending(d => d.Value).ThenBy(d => d.AreaCode, StringComparer.Ordinal).Take(2).ToList();
        foreach (var d in higher)
            f.Add($"Serious violence in {d.AreaName} was {ReportFormat.Rate(d.Value!.Value)} per 1,000 residents (95% CI {ReportFormat.Interval(d.Lower, d.Upper, ReportFormat.Rate)}), higher than the partnership ({ReportFormat.Rate(whole?.Value ?? double.NaN)}).");
        if (higher.Count == 0 && districts.Count > 0)
            f.Add("No district's serious violence rate was clearly higher than the partnership's.");
        var lowest = districts.Where(d => d.Comparison == "lower").OrderBy(d => d.Value).ThenBy(d => d.AreaCode, StringComparer.Ordinal).FirstOrDefault();
        if (lowest is not null)
            f.Add($"The lowest rate was in {lowest.AreaName}: {ReportFormat.Rate(lowest.Value!.Value)} per 1,000 (95% CI {ReportFormat.Interval(lowest.Lower, lowest.Upper, ReportFormat.Rate)}).");
        var change = indicators.Where(i => i.Id == "sv_change" && i.Level == "district" && i.HasValue && i.Comparison is "increase" or "decrease")
            .OrderByDescending(i => Math.Abs(i.Value!.Value)).ThenBy(i => i.AreaCode, StringComparer.Ordinal).FirstOrDefault();
        if (change is not null)
            f.Add($"The largest change was in {change.AreaName}: serious violence {ChangeWords(change)} compared with {data.Periods.PreviousLabel}.");
        if (charts.TopHotspots.Count > 0)
        {
            var h = charts.TopHotspots[0];
            var count = h.Count is { } n && !rule.Hides(n) ? ReportFormat.Count(n) : "a small number of";
            f.Add($"In {charts.HotspotPeriod} the strongest hot spot was around {h.LsoaName}{(h.District.Length > 0 ? $" ({h.District})" : "")}, with {count} offences in its squares (Gi* z = {ReportFormat.Number(h.Z, 1)}); {ReportFormat.Count(charts.TopHotspots.Count)} separate hot spots are listed in the Where section.");
        }
        var lsoas = data.Lsoas.Where(l => l.Population > 0).ToList();
        var total = lsoas.Sum(l => (double)l.SeriousViolence);
        if (lsoas.Count >= 10 && total > 0)
        {
            var gini = Statistics.GiniCoefficient.Calculate(lsoas.Select(l => (double)l.SeriousViolence).ToList(), lsoas.Select(l => l.Population).ToList());
            var share = 1 - Interpolate(gini.Lorenz, 0.9);
            f.Add($"Serious violence is concentrated: the 10% of residents who live in the highest-rate neighbourhoods account for {ReportFormat.Percent(100 * share)} of offences (Gini coefficient {ReportFormat.Number(gini.Gini, 2)}, where 0 would be an even spread).");
        }
        var dec = data.Deciles.Where(d => d.Population > 0).OrderBy(d => d.Decile).ToList();
        if (dec.Count >= 2 && dec[0].Decile == 1 && dec[^1].Decile == 10 && !rule.Hides(dec[0].Count) && !rule.Hides(dec[^1].Count) && dec[^1].Count > 0)
        {
            var most = Statistics.CrudeRate.Calculate(dec[0].Count, dec[0].Population, 1_000);
            var least = Statistics.CrudeRate.Calculate(dec[^1].Count, dec[^1].Population, 1_000);
            f.Add($"In the most deprived tenth of neighbourhoods the rate was {ReportFormat.Rate(most.Value)} per 1,000 (95% CI {ReportFormat.Interval(most.Lower, most.Upper, ReportFormat.Rate)}), {ReportFormat.Number(most.Value / least.Value, 1)} times the least deprived tenth ({ReportFormat.Rate(least.Value)}, 95% CI {ReportFormat.Interval(least.Lower, least.Upper, ReportFormat.Rate)}).");
        }
        var u25 = Get("under25_share", p.Code);
        if (u25 is { HasValue: true })
            f.Add($"{ReportFormat.Percent(u25.Value!.Value)} of offences with a recorded victim age had a victim under 25 (95% CI {ReportFormat.Interval(u25.Lower, u25.Upper, ReportFormat.Percent)}).");
        var ed = Get("ed_assault_rate", p.Code);
        if (ed is { HasValue: true })
            f.Add($"Emergency departments treated {ReportFormat.Count(p.EdAssaults)} assault victims from the area, {ReportFormat.Rate(ed.Value!.Value)} per 100,000 residents (95% CI {ReportFormat.Interval(ed.Lower, ed.Upper, ReportFormat.Rate)}); many such assaults never reach police records.");
        return f;
    }

    private static string ChangeWords(ReportIndicator ch)
    {
        var v = ch.Value!.Value;
        var ci = $"95% CI {ReportFormat.Interval(ch.Lower, ch.Upper, x => (x > 0 ? "+" : "") + ReportFormat.Percent(x))}";
        return ch.Comparison switch
        {
            "increase" => $"up {ReportFormat.Percent(v)} ({ci})",
            "decrease" => $"down {ReportFormat.Percent(-v)} ({ci})",
            _ => $"with no clear change ({(v >= 0 ? "+" : "")}{ReportFormat.Percent(v)}, {ci})",
        };
    }

    private static double Interpolate(IReadOnlyList<Statistics.LorenzPoint> curve, double x)
    {
        for (var i = 1; i < curve.Count; i++)
        {
            var a = curve[i - 1];
            var b = curve[i];
            if (b.CumulativePopulationShare >= x)
            {
                var span = b.CumulativePopulationShare - a.CumulativePopulationShare;
                return span <= 0 ? b.CumulativeCountShare : a.CumulativeCountShare + ((x - a.CumulativePopulationShare) / span * (b.CumulativeCountShare - a.CumulativeCountShare));
            }
        }
        return 1;
    }

    private const string Css = """
        :root { --ink: #1d1d1b; --muted: #505a5f; --line: #b1b4b6; --accent: #1d70b8; --higher: #f4c7b8; --lower: #bfd9ee; --similar: #f3f2f1; --bench: #ffffff; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: "Segoe UI", Arial, "Helvetica Neue", Helvetica, sans-serif; color: var(--ink); background: #fff; line-height: 1.5; font-size: 16px; }
        main { max-width: 1080px; margin: 0 auto; padding: 24px 32px 48px; }
        header { border-bottom: 6px solid var(--accent); margin-bottom: 16px; }
        h1 { font-size: 2rem; line-height: 1.2; margin: 8px 0 8px; }
        h2 { font-size: 1.5rem; margin: 40px 0 12px; padding-top: 8px; border-top: 2px solid var(--line); }
        h2.toc { border: 0; margin: 0 0 4px; font-size: 1.1rem; padding: 0; }
        h3 { font-size: 1.2rem; margin: 28px 0 8px; }
        .lede { font-size: 1.1rem; color: var(--muted); }
        nav ol { columns: 2; margin: 0 0 8px; }
        a { color: var(--accent); }
        ul.findings li { margin-bottom: 8px; font-size: 1.05rem; }
        .note, figcaption, caption { color: var(--muted); font-size: 0.9rem; }
        .warn { border-left: 6px solid #d4351c; padding-left: 12px; }
        .definition { border-left: 6px solid var(--line); padding: 4px 16px; background: #f8f8f8; }
        .definition p { margin: 6px 0; }
        .scroll { overflow-x: auto; margin: 8px 0 16px; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
        caption { text-align: left; padding: 4px 0; }
        th.n { text-align: right; }
        th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
        thead th { border-bottom: 2px solid var(--ink); vertical-align: bottom; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        table.matrix { font-size: 0.8rem; table-layout: fixed; }
        table.matrix th:first-child { width: 22%; }
        table.matrix td { text-align: center; white-space: normal; padding: 4px 3px; }
        table.matrix th[scope=row] { font-weight: normal; }
        table.matrix thead th { text-align: center; font-size: 0.78rem; }
        table.matrix small { color: var(--muted); }
        td.higher, .key.higher { background: var(--higher); }
        td.lower, .key.lower { background: var(--lower); }
        td.similar, .key.similar { background: var(--similar); }
        td.bench { background: var(--bench); font-weight: bold; }
        td.nc, .key.nc { background: #fff; color: var(--muted); }
        .key { display: inline-block; padding: 0 8px; border: 1px solid var(--line); }
        figure { margin: 24px 0; }
        figure img { max-width: 100%; height: auto; border: 1px solid #e5e5e5; }
        details { margin: 8px 0 16px; }
        summary { cursor: pointer; color: var(--accent); }
        ul.methods li { margin-bottom: 8px; }
        footer { margin-top: 48px; color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--line); }
        @media print { details { display: block; } h2 { break-before: page; } figure { break-inside: avoid; } }

        """;
}
