using System.Globalization;
using System.Text;
using NeedsAssessment.Charts;
using NeedsAssessment.Classify;
using NeedsAssessment.Descriptives;
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
        "Key findings", PrioritiesSection.Heading, "The definition used", "Prevalence, severity and impact", IndicatorComparisonSection.Heading, "Where", "When", "Who", "Justice outcomes",
        "Expected violence, area types and forecasts", "Data sources and quality", "Methods and caveats",
    ];

    private static readonly string[] SectionIds = ["findings", PrioritiesSection.Id, "definition", "prevalence", IndicatorComparisonSection.Id, "where", "when", "who", "justice", "model", "data", "methods"];

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
        PhaseTrace.Mark("report: start");
        var data = ReportView.Load(store, options);
        PhaseTrace.Mark("report: result tables read");
        var rule = data.Rule;
        var run = data.Descriptives.Classification;
        var indicators = ReportIndicators.Build(data);
        PhaseTrace.Mark("report: indicator tables");
        var definition = ResolveDefinition(run, options);
        var defName = run?.DefinitionName ?? definition?.Name ?? "unknown";
        var defVersion = run?.DefinitionVersion ?? definition?.Version ?? "?";
        var geometry = ReportGeometry.Build(data.Boundaries);
        PhaseTrace.Mark("report: boundaries");
        var stage = store.TableExists("hotspots") ? Spatial.HotspotAnalysis.Read(store) : null;
        PhaseTrace.Mark("report: indicators, boundaries and hot spot rows read");
        var charts = ReportCharts.Build(data, indicators, geometry, defName, defVersion, stage);
        PhaseTrace.Mark("report: charts built");
        var findings = KeyFindings(data, indicators, charts);

        var sb = new StringBuilder(4 << 20);
        var title = options.Title ?? $"Serious violence strategic needs assessment: {data.PartnershipName}";
        sb.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<title>").Append(H(title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");
        sb.Append("<header>\n<h1>").Append(H(title)).Append("</h1>\n<p class=\"lede\">").Append(H($"Serious Violence Duty strategic needs assessment for {data.PartnershipName}, covering {data.Label} ({data.Description}), with trends from {ReportFormat.Month(data.Period.FirstMonth)}. Definition: {defName}, version {defVersion}. Small numbers: {RuleShort(rule)}."))
            .Append("</p>\n</header>\n");
        sb.Append("<nav aria-label=\"Contents\"><h2 class=\"toc\">Contents</h2><ol>");
        for (var i = 0; i < SectionHeadings.Count; i++) (SectionIds[i] == "model" ? ThemeChapters.Contents(sb, options.Themes) : sb).Append("<li><a href=\"#").Append(SectionIds[i]).Append("\">").Append(H(SectionHeadings[i])).Append("</a></li>");
        sb.Append("</ol><p class=\"note\">").Append(H($"Every table, chart and key finding covers {data.Label} unless it says otherwise.")).Append("</p></nav>\n");
        var chartCount = 0;
        var drawn = new List<ReportFigureEntry>();
        void Figures(IEnumerable<ReportFigure> list)
        {
            foreach (var f in list)
            {
                if (f.Chart is { } c) Figure(sb, c, options, ++chartCount, drawn);
                else sb.Append("<p class=\"note missing\">").Append(H($"Not drawn: {f.Title}, because {f.WhyMissing}")).Append("</p>\n");
            }
        }

        // 1. Key findings.
        Open(sb, 0);
        sb.Append("<ul class=\"findings\">\n");
        foreach (var f in findings) sb.Append("<li>").Append(H(f)).Append("</li>\n");
        sb.Append("</ul>\n<p class=\"note\">Ranges in brackets are 95% confidence intervals: the band the true rate is likely to lie in given the numbers involved. \"Higher\" or \"lower\" than the partnership means the whole interval lies above or below the partnership's figure.</p>\n</section>\n");

        // Priorities: findings for the partnership to weigh, each with its evidence and source table.
        Open(sb, Array.IndexOf(SectionIds, PrioritiesSection.Id));
        PrioritiesSection.Write(sb, data, charts.TopHotspots, charts.HotspotPeriod, stage is not null);
        sb.Append("</section>\n");

        // 2. Definition.
        Open(sb, Array.IndexOf(SectionIds, "definition"));
        Definition(sb, data, definition, defName, defVersion);
        sb.Append("</section>\n");

        // 3. Prevalence, severity and impact.
        Open(sb, Array.IndexOf(SectionIds, "prevalence"));
        sb.Append("<p>").Append(H($"Each table shows the partnership and its districts for {data.Label}, the indicator stage's period; an indicator computed for another period names it. Shading compares each district with the partnership: ")).Append("<span class=\"key higher\">higher</span> <span class=\"key similar\">similar</span> <span class=\"key lower\">lower</span> <span class=\"key nc\">not compared</span>.</p>\n");
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
                    r.Name, r.AreaName, r.Count is null && !r.Suppressed ? HtmlTables.Number("-") : HtmlTables.Count(r.Count, r.Suppressed),
                    r.Denominator is { } d ? (r.Kind == ValueKind.Percent || r.Id == "sv_change" ? HtmlTables.Count((long)d, r.Suppressed) : HtmlTables.Number(ReportFormat.Count(Math.Round(d)))) : HtmlTables.Number(r.Suppressed ? ReportFormat.Hidden : "-"),
                    HtmlTables.Number(r.HasValue ? FormatValue(r, r.Value!.Value) : ReportFormat.Hidden),
                    HtmlTables.Number(r.HasValue ? ReportFormat.Interval(r.Lower, r.Upper, v => FormatValue(r, v)) : "-"),
                    r.Comparison, ReportFormat.Prose(r.Note)]));
            sb.Append("</details>\n");
            if (domain == ReportIndicators.Severity) OffenceMixTable(sb, data, options);
        }
        sb.Append("<h3>Charts</h3>\n");
        Figures(charts.Of(ReportCharts.Prevalence));
        sb.Append("</section>\n");

        // Fingertips-style comparisons, trends and the spine chart.
        Open(sb, Array.IndexOf(SectionIds, IndicatorComparisonSection.Id));
        IndicatorComparisonSection.Write(sb, data, Indicators.IndicatorTrendTable.Read(store),
            new ChartCaption(ReportFormat.SourceName(data.Period.PoliceSource), data.Label, defName, defVersion), c => Figure(sb, c, options, ++chartCount, drawn));
        sb.Append("</section>\n");

        // 4. Where.
        Open(sb, Array.IndexOf(SectionIds, "where"));
        sb.Append("<p>Hot spots are found on a regular grid of squares with the Getis-Ord Gi* statistic: a square is hot when it and its neighbours together hold more offences than chance would give, after allowing for testing many squares at once. Police locations are anonymised to nearby snap points, so a small cluster can be an artefact of the snapping: check hot spots against local knowledge before acting on them.</p>\n");
        Figures(charts.Of(ReportCharts.Where).Take(1));
        sb.Append("<h3>Top hot spots</h3>\n");
        if (charts.Hotspots is null) sb.Append("<p>Hot spots were not computed: the hot spot stage has not run on this store.</p>\n");
        else if (charts.TopHotspots.Count == 0) sb.Append($"<p>No square was a hot spot at 90% confidence or more in {H(charts.HotspotPeriod ?? "")}.</p>\n");
        else
            HtmlTables.Table(sb, ["Rank", "Nearest neighbourhood", "District", "Offences in the hot spot", "Gi* z-score", "Confidence", "Over time", "Main offence group", "Centre (easting, northing)"],
                charts.TopHotspots.Select(h => (IReadOnlyList<HtmlCell>)[HtmlTables.Number(h.Rank.ToString(CultureInfo.InvariantCulture)), h.LsoaName, h.District, HtmlTables.Count(h.Count, h.Count is null),
                    HtmlTables.Number(ReportFormat.Number(h.Z, 1)), h.Confidence, ReportFormat.Words(h.Trend ?? "not assessed"), h.OffenceGroup ?? "-",
                    HtmlTables.Number($"{ReportFormat.Count(Math.Round(h.X))}, {ReportFormat.Count(Math.Round(h.Y))}")]),
                caption: $"The ten strongest hot spots (groups of touching hot squares, {Distance(charts.CellSize)} across), {charts.HotspotPeriod}: the hot spot stage's ranked list, the same squares as the map");
        Figures(charts.Of(ReportCharts.Where).Skip(1));
        SpatialAnalysesSection.Write(sb, stage, store.TableExists(Spatial.HotspotAnalysis.EvaluationTable) ? Spatial.HotspotAnalysis.ReadEvaluation(store) : [], geometry, data.AreaNames, defName, defVersion,
            c => Figure(sb, c, options, ++chartCount, drawn));
        sb.Append("</section>\n");

        // 5. When.
        Open(sb, Array.IndexOf(SectionIds, "when"));
        Figures(charts.Of(ReportCharts.When));
        sb.Append("</section>\n");

        // 6. Who.
        Open(sb, Array.IndexOf(SectionIds, "who"));
        Who(sb, data, new ChartCaption(ReportFormat.SourceName(data.Period.PoliceSource), data.Label, defName, defVersion,
            rule.HideTo > 0 ? $"Counts {rule.HideFrom}-{rule.HideTo} suppressed ({rule.Name} rule). Victims of unknown age or sex not shown." : "Victims of unknown age or sex not shown."),
            c => Figure(sb, c, options, ++chartCount, drawn));
        sb.Append("</section>\n");

        // 7. Justice outcomes.
        Open(sb, Array.IndexOf(SectionIds, "justice"));
        JusticeOutcomes(sb, data);
        sb.Append("</section>\n");

        ThemeChapters.Write(sb, data, indicators, options.Themes, new ChartCaption(ReportFormat.SourceName(data.Period.PoliceSource), data.Label, defName, defVersion),
            c => Figure(sb, c, options, ++chartCount, drawn));

        // 8. Modelling.
        Open(sb, Array.IndexOf(SectionIds, "model"));
        ReportModel.Write(sb, store, rule, options.Suppression, data.AreaNames, new ChartCaption(ReportFormat.SourceName(data.Period.PoliceSource), data.Label, defName, defVersion),
            c => Figure(sb, c, options, ++chartCount, drawn));
        ForecastSection.Write(sb, store, options.Suppression, new ChartCaption(ReportFormat.SourceName(data.Period.PoliceSource), data.Label, defName, defVersion),
            c => Figure(sb, c, options with { ChartWidth = ForecastSection.Width, ChartHeight = ForecastSection.Height }, ++chartCount, drawn));
        sb.Append("</section>\n");

        // 8. Data sources and quality.
        Open(sb, Array.IndexOf(SectionIds, "data"));
        DataQuality(sb, data, geometry);
        sb.Append("</section>\n");

        // 9. Methods.
        Open(sb, Array.IndexOf(SectionIds, "methods"));
        Methods(sb, data, rule, options, charts);
        sb.Append("</section>\n");
        sb.Append("<footer><p>").Append(H($"Produced by NeedsAssessment {EngineInfo.Version} from the stages' result tables in the assessment store. Figures can be reproduced exactly from the same store.")).Append("</p></footer>\n");
        sb.Append("</main>\n</body>\n</html>\n");

        Directory.CreateDirectory(outputFolder);
        var path = Path.GetFullPath(Path.Combine(outputFolder, FileName));
        var bytes = new UTF8Encoding(false).GetBytes(sb.ToString());
        File.WriteAllBytes(path, bytes);
        var chartFiles = ReportChartFiles.Write(outputFolder, drawn, options);
        return new ReportResult(path, bytes.LongLength, SectionHeadings, chartCount, findings) { Figures = drawn, ChartFiles = chartFiles };
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

    private static void Matrix(StringBuilder sb, List<ReportIndicator> rows, ReportView data)
    {
        var areas = new List<(string Code, string Name)> { (data.Period.PartnershipCode, data.PartnershipShort) };
        areas.AddRange(data.Districts);
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

    private static void Figure(StringBuilder sb, Chart chart, ReportOptions options, int number, List<ReportFigureEntry> drawn)
    {
        drawn.Add(new ReportFigureEntry(number, chart));
        var png = ChartFile.PngBytes(chart.Plot, options.ChartWidth, options.ChartHeight);
        PhaseTrace.Mark($"report: figure {number} rendered ({chart.Title})");
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
            // "per 1,000 residents" is a rate; "offences per month" is a month's count.
            && (!h.Contains("per ", StringComparison.Ordinal) || h.EndsWith("per month", StringComparison.Ordinal)) && !h.Contains('%') && !h.Contains("share", StringComparison.Ordinal) && !h.Contains("rolling", StringComparison.Ordinal)
            && !h.Contains("cells", StringComparison.Ordinal)
            // Model outputs: an expected count is a prediction and an excess is observed minus it; the chart itself
            // withholds the excess where the observed count is small.
            && !h.StartsWith("expected", StringComparison.Ordinal) && !h.StartsWith("excess", StringComparison.Ordinal)
            && !h.Contains("forecast", StringComparison.Ordinal) && !h.Contains("limit", StringComparison.Ordinal);
    }

    private static SeriousViolenceDefinition? ResolveDefinition(Descriptives.ClassificationSummary? run, ReportOptions options)
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

    private static void Definition(StringBuilder sb, ReportView data, SeriousViolenceDefinition? definition, string name, string version)
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
        if (data.Descriptives.Classification is { } run)
            sb.Append("<p>").Append(H($"Of {ReportFormat.Count(run.Events)} records from all sources, {ReportFormat.Count(run.InDefinition)} met the definition.")).Append("</p>\n");
    }

    private static readonly string[] SexOrder = ["F", "M", "U"];

    private static void Who(StringBuilder sb, ReportView data, ChartCaption caption, Action<Chart> figure)
    {
        sb.Append("<h3>Victims</h3>\n");
        var victims = data.Descriptives.Victims;
        var bands = victims.Where(v => v.AgeBand != "all").OrderBy(v => v.Position).Select(v => v.AgeBand).Distinct().ToList();
        var known = bands.Where(b => b != "unknown").ToList();
        VictimCount? Cell(string band, string sex) => victims.FirstOrDefault(v => v.AgeBand == band && v.Sex == sex);
        if (known.Count == 0)
            sb.Append("<p class=\"note missing\">").Append(H($"Not drawn: victims by age and sex, because {ReportFormat.SourceName(data.Period.PoliceSource).ToLowerInvariant()} records no victim ages.")).Append("</p>\n");
        else
        {
            var grid = new long[known.Count, 2];
            var hidden = new bool[known.Count, 2];
            for (var k = 0; k < known.Count; k++)
                for (var s = 0; s < 2; s++)
                {
                    var c = Cell(known[k], SexOrder[s]);
                    grid[k, s] = c?.Count ?? 0;
                    hidden[k, s] = c is { Suppressed: true };
                }
            figure(VictimChart.Create(known, grid, hidden, caption));
            var rows = bands.Append("all").Select(b => (IReadOnlyList<HtmlCell>)[
                b == "unknown" ? "Age not recorded" : b == "all" ? "All ages" : $"Aged {b}",
                .. SexOrder.Append("all").Select(s => Cell(b, s) is { } c ? HtmlTables.Count(c.Count, c.Suppressed) : HtmlTables.Count(0))]).ToList();
            HtmlTables.Table(sb, ["Victim age", "Female", "Male", "Sex not recorded", "All"], rows,
                caption: $"Serious violence offences by victim age and sex, {data.Label} ({ReportFormat.SourceName(data.Period.PoliceSource)})");
        }

        sb.Append("<h3>Justice cohorts</h3>\n");
        var cohorts = data.Descriptives.Cohorts;
        if (cohorts.Count == 0) { sb.Append("<p>No youth justice or probation cohort data were loaded.</p>\n"); return; }
        foreach (var kind in cohorts.GroupBy(c => c.CohortKind))
        {
            var rows = kind.OrderBy(c => c.Position).ToList();
            var hasDen = rows.Any(r => r.Denominator is > 0);
            var perPopulation = rows[0].PerPopulation;
            var headers = !hasDen ? new[] { "Age band", "People" }
                : perPopulation ? ["Age band", "People", "Population aged 10-17", "Per 100,000 aged 10-17 (95% CI)"]
                : ["Age band", "People", "Cohort size", "Reoffended, % (95% CI)"];
            HtmlTables.Table(sb, headers, rows.Select(r =>
            {
                var cells = new List<HtmlCell> { r.AgeBand == "all" ? "All ages" : $"Aged {r.AgeBand}", HtmlTables.Count(r.Count, r.Suppressed) };
                if (hasDen)
                {
                    cells.Add(r.Denominator is { } d ? HtmlTables.Count((long)Math.Round(d)) : HtmlTables.Number(r.Suppressed ? ReportFormat.Hidden : "-"));
                    cells.Add(HtmlTables.Number(r.Value is { } v
                        ? perPopulation ? $"{ReportFormat.Rate(v)} ({ReportFormat.Interval(r.Lower95, r.Upper95, ReportFormat.Rate)})" : $"{ReportFormat.Percent(v)} ({ReportFormat.Interval(r.Lower95, r.Upper95, ReportFormat.Percent)})"
                        : ReportFormat.Hidden));
                }
                return (IReadOnlyList<HtmlCell>)cells;
            }), caption: $"{CohortName(kind.Key)}, {ReportFormat.Period(rows[0].PeriodStart, rows[0].PeriodEnd)} (latest period, whole partnership)");
        }
    }

    private static string CohortName(string kind) => kind switch
    {
        "youth_first_time_entrants" => "Young people (10-17) entering the youth justice system for the first time",
        "youth_reoffending" => "Youth proven reoffending (share of the cohort who reoffend within a year)",
        "adult_reoffending" => "Adult proven reoffending (share of the cohort who reoffend within a year)",
        "adult_probation_caseload" => "Adults on the probation caseload",
        _ => ReportFormat.Words(kind),
    };

    /// <summary>The offence mix with each group's penalty: a mean where offences are known, a range for police.uk crime types.</summary>
    private static void OffenceMixTable(StringBuilder sb, ReportView data, ReportOptions options)
    {
        var mix = data.Descriptives.OffenceMix;
        if (mix.Count == 0) return;
        static string Years(double? y, bool life)
        {
            if (life) return "life";
            if (y is not { } v) return "unknown";
            if (v < 1) return $"{ReportFormat.Number(v * 12, 0)} months";
            // Statutory maxima are whole or half years; 3,650 days reads as 10 years, not 9.99.
            var half = Math.Round(v * 2) / 2;
            return half == Math.Floor(half) ? $"{ReportFormat.Number(half, 0)} years" : $"{ReportFormat.Number(half, 1)} years";
        }
        sb.Append("<h4>Offence mix and maximum penalty</h4>\n");
        HtmlTables.Table(sb, ["Offence group", "Offences", "Share of offences", "Mean maximum penalty", "Maximum penalty range (lowest to highest offence)", "Offences with a life maximum"],
            mix.Select(m => (IReadOnlyList<HtmlCell>)[m.OffenceGroup.Contains('_', StringComparison.Ordinal) ? ReportFormat.Words(m.OffenceGroup) : m.OffenceGroup, HtmlTables.Count(m.Count, m.Suppressed),
                HtmlTables.Number(m.Share is { } s ? ReportFormat.Percent(s) : m.Suppressed ? ReportFormat.Hidden : "-"),
                HtmlTables.Number(m.MeanPenaltyYears is { } y ? $"{ReportFormat.Number(y, 1)} years" : m.SeverityIsRange ? "a range (crime type)" : "-"),
                $"{Years(m.PenaltyMinYears, m.PenaltyMinLife)} to {Years(m.PenaltyMaxYears, m.PenaltyMaxLife)}",
                m.SeverityIsRange ? HtmlTables.Number("-") : HtmlTables.Count(m.LifeMaximum, m.Suppressed)]),
            caption: $"Offence groups in {data.Label}, largest first. Means count a life maximum as {options.LifePenaltyDays / 365.25:0} years; police.uk crime types hold offences from common assault to murder, so their severity is the range of the offences' maximum penalties.");
    }

    // The descriptives stage's descriptive_outcomes: police.uk serious violence crimes by the group of their latest outcome.
    private static void JusticeOutcomes(StringBuilder sb, ReportView data)
    {
        var outcomes = data.Descriptives.Outcomes;
        var outcomeFiles = data.Status.Any(k => k.Kind == "police-outcomes" && k.Files > 0);
        if (outcomes.Count == 0)
        {
            sb.Append("<p>").Append(H(outcomeFiles
                ? $"Justice outcomes are not shown: none of the police.uk serious violence crimes in {data.Label} has an outcome in the police.uk files loaded."
                : $"Justice outcomes are not shown: no police.uk outcomes files were loaded (kind police-outcomes), and no police.uk street record of serious violence in {data.Label} carries a last outcome category.")).Append("</p>\n");
            return;
        }
        sb.Append("<p>").Append(H($"What happened next to the serious violence crimes of {data.Label} that police.uk publishes with an outcome: the latest outcome of each crime, grouped. " +
            "Police.uk is the only source with an outcome per crime, so these are its street records whichever police source the indicators count. " +
            "Recent crimes are mostly still under investigation; the shares move towards charges, out-of-court outcomes and closed investigations as outcomes are reached.")).Append("</p>\n");
        HtmlTables.Table(sb, ["Outcome", "Police.uk outcome categories", "Crimes", "Share of crimes with an outcome"],
            outcomes.Select(o => (IReadOnlyList<HtmlCell>)[o.OutcomeGroup, o.Outcomes.Length == 0 ? "-" : o.Outcomes, HtmlTables.Count(o.Crimes, o.Suppressed),
                HtmlTables.Number(o.Share is { } s ? ReportFormat.Percent(s) : ReportFormat.Hidden)]),
            caption: $"Serious violence crimes in {data.Label} by latest police.uk outcome, the descriptives stage's table (descriptive_outcomes).");
        sb.Append("<p class=\"note\">").Append(H(outcomeFiles
            ? "Each crime's outcome is the latest for its Crime ID in the force's outcomes files, else the street file's last outcome category."
            : "No police.uk outcomes files were loaded (kind police-outcomes): outcomes are the street files' last outcome category as published, which misses outcomes reached after publication.")).Append("</p>\n");
    }

    private static void DataQuality(StringBuilder sb, ReportView data, ReportGeometry geometry)
    {
        var d = data.Descriptives;
        sb.Append("<h3>Sources</h3>\n");
        HtmlTables.Table(sb, ["Source", "Records", "Counted as serious violence", "Counted but with no neighbourhood", "First month", "Last month"],
            d.Sources.Select(s => (IReadOnlyList<HtmlCell>)[ReportFormat.SourceName(s.Source), HtmlTables.Number(ReportFormat.Count(s.Records)), HtmlTables.Count(s.InDefinition), HtmlTables.Count(s.NoArea),
                s.FirstMonth is { } f ? ReportFormat.ShortMonth(f) : "-", s.LastMonth is { } l ? ReportFormat.ShortMonth(l) : "-"]));
        sb.Append("<p>").Append(H($"Police figures come from {ReportFormat.SourceName(data.Period.PoliceSource).ToLowerInvariant()} only: the force extract and police.uk describe the same crimes, so they are never added together.")).Append("</p>\n");

        AreaQuality(sb, d);

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
        if (d.Quarantine.Count == 0) sb.Append("<p>No rows were set aside: every row read passed the checks.</p>\n");
        else HtmlTables.Table(sb, ["Dataset", "Check failed", "Column", "Rows"],
            d.Quarantine.Select(q => (IReadOnlyList<HtmlCell>)[q.Kind, ReportFormat.Words(q.Rule), q.ColumnName, HtmlTables.Number(ReportFormat.Count(q.Rows))]));

        var duplicates = d.Quarantine.Where(q => q.Rule == "duplicate").ToList();
        var repeated = kinds.SelectMany(k => k.FileDetails.Select(f => (k.Title, f.RepeatedKeys))).Where(x => x.RepeatedKeys > 0)
            .GroupBy(x => x.Title, StringComparer.Ordinal).Select(g => (Title: g.Key, Keys: g.Sum(x => x.RepeatedKeys))).OrderBy(x => x.Title, StringComparer.Ordinal).ToList();
        if (duplicates.Count > 0 || repeated.Count > 0)
        {
            var parts = new List<string>();
            var titles = data.Status.ToDictionary(k => k.Kind, k => k.Title, StringComparer.Ordinal);
            foreach (var kind in duplicates.GroupBy(q => q.Kind, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
                parts.Add($"In {titles.GetValueOrDefault(kind.Key, kind.Key)}, {ReportFormat.Count(kind.Sum(q => q.Rows))} rows that repeat an earlier row exactly were set aside as duplicates (check 'duplicate' above), so each crime counts once.");
            foreach (var (title, keys) in repeated)
                parts.Add($"In {title}, {ReportFormat.Count(keys)} record identifiers appear more than once with different content (for example a crime re-published with a new outcome); those rows are kept, since they differ, and may count one crime twice.");
            sb.Append("<p>").Append(H(string.Join(" ", parts))).Append("</p>\n");
        }

        sb.Append("<h3>Gaps in coverage</h3>\n");
        if (d.Gaps.Count == 0) sb.Append("<p>No source has a month without records between its first and last month.</p>\n");
        else HtmlTables.Table(sb, ["Source", "From", "To", "Months missing"],
            d.Gaps.Select(g => (IReadOnlyList<HtmlCell>)[ReportFormat.SourceName(g.Source), ReportFormat.ShortMonth(g.FromMonth), ReportFormat.ShortMonth(g.ToMonth), HtmlTables.Number(ReportFormat.Count(g.Months))]));

        var codes = d.Unplaced.Where(u => u.Problem == "code").ToList();
        sb.Append("<h3>Codes the definition could not place</h3>\n");
        if (codes.Count == 0) sb.Append("<p>Every offence, crime type, diagnosis and assault-method code was recognised.</p>\n");
        else
        {
            sb.Append("<p>").Append(H($"These codes match no reference table, so their {ReportFormat.Count(d.Classification?.Unmapped ?? codes.Sum(u => u.Records ?? 0))} records cannot count as serious violence until the mapping is extended.")).Append("</p>\n");
            HtmlTables.Table(sb, ["Source", "Code", "Records"], codes.Take(25).Select(u => (IReadOnlyList<HtmlCell>)[ReportFormat.SourceName(u.Source), u.Code, HtmlTables.Number(ReportFormat.Count(u.Records ?? 0))]));
            if (codes.Count > 25) sb.Append("<p>").Append(H($"And {codes.Count - 25} more codes.")).Append("</p>\n");
        }

        var lsoas = d.Unplaced.Where(u => u.Problem == "lsoa").ToList();
        var lookupPresent = data.Status.Any(k => k.Kind == "lsoa-lookup" && k.Files > 0);
        sb.Append("<h3>Neighbourhood codes not recognised</h3>\n");
        if (lsoas.Count == 0)
            sb.Append("<p>").Append(H(lookupPresent ? "Every neighbourhood (LSOA) code was found in the 2011-to-2021 lookup." : "No LSOA lookup was loaded, so LSOA codes were taken as 2021 codes without checking.")).Append("</p>\n");
        else HtmlTables.Table(sb, ["Source", "LSOA code", "Records"],
            lsoas.Take(25).Select(u => (IReadOnlyList<HtmlCell>)[ReportFormat.SourceName(u.Source), u.Code, HtmlTables.Count(u.Records, u.Suppressed)]));
        if (d.Classification is { LsoaSplit: > 0 } run)
            sb.Append("<p>").Append(H($"{ReportFormat.Count(run.LsoaSplit)} records carried a 2011 LSOA code that split into several 2021 areas; they are counted in the 2021 area the lookup gives first.")).Append("</p>\n");
        if (geometry.Unreadable > 0)
            sb.Append("<p>").Append(H($"{ReportFormat.Count(geometry.Unreadable)} boundaries could not be read and are missing from the maps.")).Append("</p>\n");

        var searches = d.Unplaced.Where(u => u.Problem == DescriptiveStage.StopSearchProblem).ToList();
        if (searches.Count > 0)
        {
            sb.Append("<h3>Stop and search records placed in neighbourhoods</h3>\n");
            sb.Append("<p>").Append(H("police.uk publishes stop and search with anonymised coordinates and no neighbourhood, so each search is placed from its point: inside a loaded LSOA boundary, " +
                $"else at the nearest loaded population-weighted centroid of an LSOA without a boundary within {ReportFormat.Count((long)Classify.StopSearchPlacement.MaxCentroidMetres)} metres. " +
                "Searches outside the area, without a location or not placed are in no stop and search indicator.")).Append("</p>\n");
            HtmlTables.Table(sb, ["Placed", "Searches"], searches.Select(u => (IReadOnlyList<HtmlCell>)[ReportFormat.Words(u.Code), HtmlTables.Count(u.Records, u.Suppressed)]));
        }
    }

    // The area stage's and the descriptive stage's own rows: which neighbourhoods are the partnership's, how each was
    // placed in its district, and the serious violence records the analysis leaves out because they fall outside.
    private static void AreaQuality(StringBuilder sb, DescriptiveResults d)
    {
        sb.Append("<h3>The partnership's area</h3>\n");
        if (d.AreaPlacement.Count == 0)
            sb.Append("<p>No reference file placed any neighbourhood, so the analysis is not limited to an area.</p>\n");
        else
        {
            var nearest = d.AreaPlacement.Any(p => p.PlacedBy.Contains("hub of the nearest", StringComparison.Ordinal));
            var codeOnly = d.AreaPlacement.Any(p => p.DistrictNamedBy == "code only");
            sb.Append("<p>").Append(H("The analysis covers the neighbourhoods (LSOAs) below, each placed in its district by the first file that lists it."
                + (nearest ? " Neighbourhoods missing from the 2011-to-2021 lookup take the hub of their nearest neighbourhood." : "")
                + (codeOnly ? " A district no loaded file names is shown by its code; load the ONS ward lookup to name it." : ""))).Append("</p>\n");
            HtmlTables.Table(sb, ["Placed by", "District named by", "Neighbourhoods", "Districts"],
                d.AreaPlacement.Select(p => (IReadOnlyList<HtmlCell>)[ReportFormat.Prose(p.PlacedBy), ReportFormat.Prose(p.DistrictNamedBy),
                    HtmlTables.Number(ReportFormat.Count(p.Lsoas)), HtmlTables.Number(ReportFormat.Count(p.Districts))]));
        }
        if (d.NoPopulation.Count > 0)
        {
            sb.Append("<h3>Neighbourhoods without residents in the population file</h3>\n");
            sb.Append("<p>These serious violence records are in neighbourhoods of the area that the population file does not cover. Every rate leaves them out, "
                + "as their residents are missing from its denominator; totals, charts and hot spots include them. Load a population file that covers every neighbourhood.</p>\n");
            HtmlTables.Table(sb, ["Source", "Neighbourhoods", "Records"],
                d.NoPopulation.Select(n => (IReadOnlyList<HtmlCell>)[ReportFormat.SourceName(n.Source), HtmlTables.Number(ReportFormat.Count(n.Lsoas)), HtmlTables.Count(n.Records, n.Suppressed)]));
        }
        sb.Append("<h3>Records outside the area</h3>\n");
        if (d.OutsideArea.Count == 0)
            sb.Append("<p>Every serious violence record falls in a neighbourhood of the area.</p>\n");
        else
        {
            sb.Append("<p>These serious violence records are not in any neighbourhood of the area, so no rate, chart, hot spot or model uses them. "
                + "A police.uk download includes crimes a neighbouring force recorded near the border, and a record with no location cannot be placed.</p>\n");
            HtmlTables.Table(sb, ["Source", "Force", "Reason", "Records"],
                d.OutsideArea.Select(o => (IReadOnlyList<HtmlCell>)[ReportFormat.SourceName(o.Source), o.Force, ReportFormat.Prose(o.Reason), HtmlTables.Count(o.Records, o.Suppressed)]));
        }
    }

    private static void Methods(StringBuilder sb, ReportView data, SmallNumberRule rule, ReportOptions options, ReportChartSet charts)
    {
        var items = new List<string>
        {
            $"Period. Rates and shares cover {data.Label}, {data.Description}: the indicator stage's period, the latest of the longest type it computed with police data in every month. {(data.Period.HasPrevious ? $"Changes compare it with {data.PreviousLabel}" : "There is no complete earlier period of the same type to compare it with")}. Trends use every month from {ReportFormat.Month(data.Period.FirstMonth)}; months without police records are gaps, not zeros.",
            "Rates. Crude rates per 1,000 or 100,000 residents a year (Census 2021 usual residents): the count divided by residents times the period's length in years, so a quarter's rate compares with a year's, and the CSV's denominator is that person-years figure. 95% confidence intervals use exact Poisson limits when the count is under 10 and Byar's method otherwise; shares use Wilson score intervals; changes between periods use an exact conditional binomial interval for the rate ratio.",
            "Comparisons. A district is higher or lower than the partnership only when its whole 95% interval lies above or below the partnership's value; otherwise it is similar. Funnel plot limits are exact Poisson at 95% and 99.8%.",
            "Inequality. The Gini coefficient and Lorenz curve rank neighbourhoods by rate, weighted by population. The slope index of inequality is a weighted regression of decile rates on the population's position from most to least deprived (IMD 2019).",
            $"Small numbers. {rule.Describe()} Every count was suppressed once, by the stage that published it, with secondary suppression so no hidden count can be worked out from a total.",
            $"Severity. The statutory maximum penalty is the measure of seriousness; offences with a life maximum count as {options.LifePenaltyDays / 365.25:0} years in averages. police.uk data carry crime types, not offences, so its severity is a range across the offences each type lumps together (for example, common assault with murder), never a single figure.",
            "Locations. police.uk locations are anonymised to snap points at street centres serving at least eight addresses, so a cluster of offences at one point may be an artefact of the snapping rather than a real hot spot; check hot spots against local knowledge. Hot spots use Getis-Ord Gi* on a square grid with the Benjamini-Hochberg correction for testing many squares.",
            "Neighbourhoods. Areas are 2021 LSOAs. Records with 2011 codes were converted with the ONS lookup; deprivation (IMD 2019) is published for 2011 LSOAs and was carried across the same way.",
            "Sources overlap poorly. Police, emergency department, ambulance and hospital admission records describe different and partly overlapping groups of incidents: most violence treated in hospital is never reported to the police. Their figures are shown side by side and never added.",
            "Health data. Emergency department and admission records are placed by the patient's home neighbourhood, police records by where the offence happened.",
        };
        if (data.PenaltyRecall.Count > 0)
            items.Add($"Unsourced maxima. {data.PenaltyRecall.Count} offence code{(data.PenaltyRecall.Count == 1 ? "" : "s")} in these records carr{(data.PenaltyRecall.Count == 1 ? "ies" : "y")} a maximum penalty not yet checked against the statute, so severity figures that include {(data.PenaltyRecall.Count == 1 ? "it" : "them")} are provisional: " +
                      string.Join("; ", data.PenaltyRecall.Select(r => r.Description.Length > 0 ? $"{r.Code} ({r.Description})" : r.Code)) + ".");
        if (charts.Hotspots is null) items.Add("Hot spots. Not computed: the hot spot stage has not run on this store.");
        items.AddRange(ThemeChapters.MethodsItems(data));
        sb.Append("<ul class=\"methods\">\n");
        foreach (var item in items)
        {
            var dot = item.IndexOf(". ", StringComparison.Ordinal);
            sb.Append("<li><strong>").Append(H(item[..(dot + 1)])).Append("</strong> ").Append(H(item[(dot + 2)..])).Append("</li>\n");
        }
        sb.Append("</ul>\n");
    }

    private static List<string> KeyFindings(ReportView data, IReadOnlyList<ReportIndicator> indicators, ReportChartSet charts)
    {
        var f = new List<string>();
        ReportIndicator? Get(string id) => indicators.FirstOrDefault(i => i.Id == id && i.Level == "partnership");
        var whole = Get("sv_rate");
        if (whole is { HasValue: true })
        {
            var s = $"In {whole.Period} the police recorded {(whole.Count is { } n ? ReportFormat.Count(n) : "a small number of")} serious violence offences in {data.PartnershipName}: {ReportFormat.Rate(whole.Value!.Value)} per 1,000 residents a year (95% CI {ReportFormat.Interval(whole.Lower, whole.Upper, ReportFormat.Rate)})";
            var ch = Get("sv_change");
            if (ch is { HasValue: true, Lower: not null })
                s += $", {ChangeWords(ch)} on {data.PreviousDescription}";
            f.Add(s + ".");
        }
        var districts = indicators.Where(i => i.Id == "sv_rate" && i.Level == "district" && i.HasValue).ToList();
        var higher = districts.Where(d => d.Comparison == "higher").OrderByDescending(d => d.Value).ThenBy(d => d.AreaCode, StringComparer.Ordinal).Take(2).ToList();
        foreach (var d in higher)
            f.Add($"Serious violence in {d.AreaName} was {ReportFormat.Rate(d.Value!.Value)} per 1,000 residents a year (95% CI {ReportFormat.Interval(d.Lower, d.Upper, ReportFormat.Rate)}), higher than the partnership ({ReportFormat.Rate(whole?.Value ?? double.NaN)}).");
        if (higher.Count == 0 && districts.Count > 0)
            f.Add("No district's serious violence rate was clearly higher than the partnership's.");
        var lowest = districts.Where(d => d.Comparison == "lower").OrderBy(d => d.Value).ThenBy(d => d.AreaCode, StringComparer.Ordinal).FirstOrDefault();
        if (lowest is not null)
            f.Add($"The lowest rate was in {lowest.AreaName}: {ReportFormat.Rate(lowest.Value!.Value)} per 1,000 residents a year (95% CI {ReportFormat.Interval(lowest.Lower, lowest.Upper, ReportFormat.Rate)}).");
        var change = indicators.Where(i => i.Id == "sv_change" && i.Level == "district" && i.HasValue && i.Comparison is "increase" or "decrease")
            .OrderByDescending(i => Math.Abs(i.Value!.Value)).ThenBy(i => i.AreaCode, StringComparer.Ordinal).FirstOrDefault();
        if (change is not null)
            f.Add($"The largest change was in {change.AreaName}: serious violence {ChangeWords(change)} compared with {data.PreviousLabel}.");
        if (charts.TopHotspots.Count > 0)
        {
            var h = charts.TopHotspots[0];
            var count = h.Count is { } n ? ReportFormat.Count(n) : "a small number of";
            f.Add($"In {charts.HotspotPeriod} the strongest hot spot was around {h.LsoaName}{(h.District.Length > 0 ? $" ({h.District})" : "")}, with {count} offences in its squares (Gi* z = {ReportFormat.Number(h.Z, 1)}); {ReportFormat.Count(charts.TopHotspots.Count)} separate hot spots are listed in the Where section.");
        }
        var top10 = data.Descriptives.Lorenz.FirstOrDefault(l => Math.Abs(l.PopulationShare - 0.9) < 1e-9);
        var gini = Get("sv_gini");
        if (top10 is not null && gini is { HasValue: true })
            f.Add($"Serious violence is concentrated: the 10% of residents who live in the highest-rate neighbourhoods account for {ReportFormat.Percent(100 * (1 - top10.CountShare))} of offences (Gini coefficient {ReportFormat.Number(gini.Value!.Value, 2)}, where 0 would be an even spread).");
        var most = data.Descriptives.Deprivation.FirstOrDefault(d => d.Decile == 1);
        var least = data.Descriptives.Deprivation.FirstOrDefault(d => d.Decile == 10);
        if (most is { Rate: { } mr } && least is { Rate: { } lr })
            f.Add($"In the most deprived tenth of neighbourhoods the rate was {ReportFormat.Rate(mr)} per 1,000 residents a year (95% CI {ReportFormat.Interval(most.Lower95, most.Upper95, ReportFormat.Rate)}), against {ReportFormat.Rate(lr)} in the least deprived tenth (95% CI {ReportFormat.Interval(least.Lower95, least.Upper95, ReportFormat.Rate)}).");
        var u25 = Get("under25_share");
        if (u25 is { HasValue: true })
            f.Add($"{ReportFormat.Percent(u25.Value!.Value)} of offences with a recorded victim age had a victim under 25 (95% CI {ReportFormat.Interval(u25.Lower, u25.Upper, ReportFormat.Percent)}).");
        var ed = Get("ed_assault_rate");
        if (ed is { HasValue: true })
            f.Add($"Emergency departments treated {(ed.Count is { } n ? ReportFormat.Count(n) : "a small number of")} assault victims from the area, {ReportFormat.Rate(ed.Value!.Value)} per 100,000 residents a year (95% CI {ReportFormat.Interval(ed.Lower, ed.Upper, ReportFormat.Rate)}); many such assaults never reach police records.");
        return f;
    }

    private static string ChangeWords(ReportIndicator ch)
    {
        var v = ch.Value!.Value;
        var ci = $"95% CI {ReportFormat.Interval(ch.Lower, ch.Upper, x => (Math.Round(x, 1) > 0 ? "+" : "") + ReportFormat.Percent(x))}";
        return ch.Comparison switch
        {
            "increase" => $"up {ReportFormat.Percent(v)} ({ci})",
            "decrease" => $"down {ReportFormat.Percent(-v)} ({ci})",
            _ => $"with no clear change ({(v >= 0 ? "+" : "")}{ReportFormat.Percent(v)}, {ci})",
        };
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
        @page { size: A4; margin: 14mm 12mm 16mm; }
        @media print {
          body { font-size: 10pt; line-height: 1.35; }
          main { max-width: none; padding: 0; }
          h1 { font-size: 20pt; }
          h2 { break-before: page; border-top: 0; margin-top: 0; font-size: 15pt; }
          h3, h4 { font-size: 12pt; }
          h2, h3, h4, caption, summary, figcaption { break-after: avoid; }
          h3 + p, h4 + p { break-before: avoid; }
          a { color: inherit; text-decoration: none; }
          .scroll { overflow: visible; margin: 4px 0 10px; }
          table { font-size: 7.5pt; width: 100%; }
          table.matrix { font-size: 7pt; }
          thead { display: table-header-group; }
          tr, td, th { break-inside: avoid; }
          th, td { padding: 2px 3px; overflow-wrap: break-word; }
          thead th { overflow-wrap: normal; hyphens: auto; }
          td.n { white-space: normal; overflow-wrap: normal; }
          table.matrix thead th { font-size: 6.5pt; }
          figure { break-inside: avoid; margin: 10px 0; }
          figure img { width: 100%; max-width: 100%; height: auto; border: 0; }
          details { margin: 2px 0 8px; }
          details:not([open]) > summary { color: var(--muted); font-size: 8pt; }
          details:not([open]) > summary::marker { content: ""; }
          ul.findings li { font-size: 10.5pt; break-inside: avoid; }
          footer { break-before: avoid; }
        }

        """;
}
