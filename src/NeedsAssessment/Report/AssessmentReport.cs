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
        return WriteFrom(store, data, outputFolder, options);
    }

    /// <summary>Writes the report from a view already read (the report stage reads the result tables once for the report and the workbook).</summary>
    internal static ReportResult WriteFrom(AssessmentStore store, ReportView data, string outputFolder, ReportOptions options)
    {
        using var composed = Compose(store, data, options);
        return composed.Write(outputFolder);
    }

    /// <summary>The rows the report maps from the hot spot stage (<see cref="Spatial.HotspotAnalysis.ReadMapped"/>), or null when the stage has not run.</summary>
    internal static Spatial.HotspotReadResult? ReadHotspots(AssessmentStore store) =>
        store.TableExists("hotspots") ? Spatial.HotspotAnalysis.ReadMapped(store) : null;

    /// <summary>What the report reads and builds before its sections, apart from the view: the hot spot rows and the map shapes.</summary>
    /// <param name="Hotspots">See <see cref="ReadHotspots"/>.</param>
    /// <param name="Geometry">The map shapes from the same boundaries and places the view reads.</param>
    internal sealed record EarlyReads(Spatial.HotspotReadResult? Hotspots, ReportGeometry Geometry);

    /// <summary>
    /// Reads the hot spot rows and builds the map shapes from <paramref name="store"/> (a connection of the caller's
    /// own): with the view, most of the report's start before any figure can be queued, and independent of it.
    /// </summary>
    internal static EarlyReads ReadEarly(AssessmentStore store) =>
        new(ReadHotspots(store), AreaShapes.ReadCurrent(store) is { } built
            ? ReportGeometry.FromAreaShapes(built, AreaPlaces.Read(store))
            : ReportGeometry.Build(AreaBoundaries.Read(store), AreaPlaces.Read(store)));

    /// <summary>
    /// Builds the report's sections from a view already read and queues its figures for drawing, which goes on in the
    /// background until <see cref="ComposedReport.Write"/> needs the images: the report stage writes the workbook meanwhile.
    /// </summary>
    /// <param name="store">The store the result tables are read from.</param>
    /// <param name="data">The result tables, read.</param>
    /// <param name="options">The report's options.</param>
    /// <param name="early">The hot spot rows and map shapes when the caller has them under way already, on a connection of
    /// its own beside the view (<see cref="ReadEarly"/>); read and built here when null.</param>
    internal static ComposedReport Compose(AssessmentStore store, ReportView data, ReportOptions options, Task<EarlyReads>? early = null)
    {
        // The page is rendered last, once every figure is drawn: a missing folder or a template that does not parse is
        // refused now, not after the whole report has been built.
        ReportTemplates.Check(options.Templates);
        var rule = data.Rule;
        var run = data.Descriptives.Classification;
        // The map shapes (validating and dissolving the boundaries) need only the view: built on another core while
        // this thread reads the hot spot rows, the rest of the start is waiting for it.
        var shapes = early is not null ? early.ContinueWith(t => t.GetAwaiter().GetResult().Geometry, TaskScheduler.Default) : Task.Run(() => ReportGeometry.Build(data.Boundaries, data.Places));
        var indicators = ReportIndicators.Build(data);
        PhaseTrace.Mark("report: indicator tables");
        var definition = ResolveDefinition(run, options);
        var defName = run?.DefinitionName ?? definition?.Name ?? "unknown";
        var defVersion = run?.DefinitionVersion ?? definition?.Version ?? "?";
        // Only the rows it maps: the trend periods' cells are most of the table.
        var stage = early is not null ? early.GetAwaiter().GetResult().Hotspots : ReadHotspots(store);
        PhaseTrace.Mark("report: hot spot rows read");
        var geometry = shapes.GetAwaiter().GetResult();
        PhaseTrace.Mark("report: boundaries (built meanwhile)");
        var charts = ReportCharts.Build(data, indicators, geometry, defName, defVersion, stage);
        PhaseTrace.Mark("report: charts built");
        var findings = KeyFindings(data, indicators, charts);
        var figures = new ReportFigures(options);
        try
        {
            var caption = new ChartCaption(ReportFormat.SourceName(data.Period.PoliceSource), data.Label, defName, defVersion);
            var title = options.Title ?? $"Serious violence strategic needs assessment: {data.PartnershipName}";

            // The sections are built in page order, so the figures are numbered as they are printed.
            var page = new ReportPage
            {
                Title = title,
                Lede = $"Serious Violence Duty strategic needs assessment for {data.PartnershipName}, covering {data.Label} ({data.Description}), with trends from {ReportFormat.Month(data.Period.FirstMonth)}. Definition: {defName}, version {defVersion}. Small numbers: {RuleShort(rule)}.",
                Contents = SectionIds.Select((id, i) => new ContentsEntry(id, SectionHeadings[i])).ToList(),
                // The page places the theme chapters before the modelling section.
                ThemeContents = ThemeChapters.Contents(options.Themes),
                ContentsNote = $"Every table, chart and key finding covers {data.Label} unless it says otherwise.",
                Findings = new FindingsView(Section("findings"), findings),
                Priorities = PrioritiesSection.Build(Section(PrioritiesSection.Id), data, charts.TopHotspots, charts.HotspotPeriod, stage is not null),
                Definition = Definition(Section("definition"), data, definition, defName, defVersion),
                Prevalence = Prevalence(Section("prevalence"), data, indicators, options, charts, figures),
                Comparisons = IndicatorComparisonSection.Build(Section(IndicatorComparisonSection.Id), data, Indicators.IndicatorTrendTable.Read(store), caption, figures),
                Where = Where(Section("where"), store, stage, geometry, data, charts, defName, defVersion, figures),
                When = new FiguresView(Section("when"), charts.Of(ReportCharts.When).Select(figures.Slot).ToList()),
                Who = Who(Section("who"), data, new ChartCaption(ReportFormat.SourceName(data.Period.PoliceSource), data.Label, defName, defVersion,
                    rule.HideTo > 0 ? $"Counts {rule.HideFrom}-{rule.HideTo} suppressed ({rule.Name} rule). Victims of unknown age or sex not shown." : "Victims of unknown age or sex not shown."), figures),
                Justice = JusticeOutcomes(Section("justice"), data),
                Themes = ThemeChapters.Build(data, indicators, options.Themes, caption, figures),
                Model = ModelSection(store, rule, options, data, caption, figures),
                Data = DataQuality(Section("data"), data, geometry),
                Methods = Methods(Section("methods"), data, rule, options, charts),
                Version = EngineInfo.Version,
            };
            PhaseTrace.Mark("report: sections built, figures queued");
            return new ComposedReport(page, figures, findings, options);
        }
        catch
        {
            figures.Dispose();
            throw;
        }
    }

    // The model stage's tables, read once for the model section and the forecasts.
    private static ModelSectionView ModelSection(AssessmentStore store, SmallNumberRule rule, ReportOptions options, ReportView data, ChartCaption caption, ReportFigures figures)
    {
        var model = Modelling.ModelTables.Read(store, options.Suppression);
        return new ModelSectionView(Section("model"), ReportModel.Build(model, rule, data.AreaNames, caption, figures), ForecastSection.Build(model, caption, figures));
    }

    /// <summary>A section's anchor and heading, as the contents list names it.</summary>
    private static SectionHead Section(string id) => new(id, SectionHeadings[Array.IndexOf(SectionIds, id)]);

    private static string RuleShort(SmallNumberRule rule) => rule.HideTo == 0 ? "not suppressed (internal use only)" : $"counts {rule.HideFrom} to {rule.HideTo} hidden ({rule.Name} rule)";

    private static string Distance(double? metres) => metres is { } m ? (m >= 1000 ? $"{m / 1000:0.#} km" : $"{m:0} m") : "grid";

    internal static string FormatValue(ReportIndicator r, double v) => r.Kind switch
    {
        ValueKind.Percent => r.Id == "sv_change" ? (v > 0 ? "+" : "") + ReportFormat.Percent(v) : ReportFormat.Percent(v),
        ValueKind.Rate => ReportFormat.Rate(v),
        ValueKind.Mean => ReportFormat.Number(v, 1),
        ValueKind.Whole => ReportFormat.Number(v, 0),
        _ => ReportFormat.Number(v, 2),
    };

    private static PrevalenceView Prevalence(SectionHead head, ReportView data, IReadOnlyList<ReportIndicator> indicators, ReportOptions options, ReportChartSet charts, ReportFigures figures)
    {
        var domains = new List<DomainView>();
        foreach (var domain in ReportIndicators.Domains)
        {
            var rows = indicators.Where(i => i.Domain == domain).ToList();
            if (rows.Count == 0) continue;
            var full = HtmlTables.Of(["Indicator", "Area", "Count", "Denominator", "Value", "95% confidence interval", "Compared with partnership", "Note"],
                rows.Select(r => (IReadOnlyList<HtmlCell>)[
                    r.Name, r.AreaName, r.Count is null && !r.Suppressed ? HtmlTables.Number("-") : HtmlTables.Count(r.Count, r.Suppressed),
                    r.Denominator is { } d ? (r.Kind == ValueKind.Percent || r.Id == "sv_change" ? HtmlTables.Count((long)d, r.Suppressed) : HtmlTables.Number(ReportFormat.Count(Math.Round(d)))) : HtmlTables.Number(r.Suppressed ? ReportFormat.Hidden : "-"),
                    HtmlTables.Number(r.HasValue ? FormatValue(r, r.Value!.Value) : ReportFormat.Hidden),
                    HtmlTables.Number(r.HasValue ? ReportFormat.Interval(r.Lower, r.Upper, v => FormatValue(r, v)) : "-"),
                    r.Comparison, ReportFormat.Prose(r.Note)]));
            domains.Add(new DomainView(domain, ReportFormat.Words(domain), Matrix(rows, data), full, domain == ReportIndicators.Severity ? OffenceMixTable(data, options) : null));
        }
        return new PrevalenceView(head, data.Label, domains, charts.Of(ReportCharts.Prevalence).Select(figures.Slot).ToList());
    }

    private static HtmlTable Matrix(List<ReportIndicator> rows, ReportView data)
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
                var interval = r.Lower is { } lo && r.Upper is { } up && double.IsFinite(lo) && double.IsFinite(up);
                // Inequality measures are compared with "no inequality", not with the partnership: shading them would mislead.
                var cls = InequalityIds.Contains(r.Id) ? "nc" : r.Comparison switch { "higher" or "increase" => "higher", "lower" or "decrease" => "lower", "similar" or "no clear change" => "similar", "benchmark" => "bench", _ => "nc" };
                cells.Add(new HtmlCell(FormatValue(r, r.Value!.Value), "n " + cls, r.Comparison == "benchmark" ? "Partnership (benchmark)" : r.Comparison)
                {
                    Kind = "value",
                    Lower = interval ? FormatValue(r, r.Lower!.Value) : null,
                    Upper = interval ? FormatValue(r, r.Upper!.Value) : null,
                    Dash = interval && r.Lower >= 0 && r.Upper >= 0,
                });
            }
            return (IReadOnlyList<HtmlCell>)cells;
        });
        return HtmlTables.Of(headers, table, cssClass: "matrix");
    }

    private static readonly HashSet<string> InequalityIds = new(["sv_sii", "sv_rii", "sv_deprivation_rate_ratio"], StringComparer.Ordinal);

    private static WhereView Where(SectionHead head, AssessmentStore store, Spatial.HotspotReadResult? stage, ReportGeometry geometry, ReportView data, ReportChartSet charts,
        string defName, string defVersion, ReportFigures figures)
    {
        var map = charts.Of(ReportCharts.Where).Take(1).Select(figures.Slot).ToList();
        var top = charts.Hotspots is null || charts.TopHotspots.Count == 0 ? null
            : HtmlTables.Of(["Rank", "Nearest neighbourhood", "District", "Offences in the hot spot", "Gi* z-score", "Confidence", "Over time", "Main offence group", "Centre (easting, northing)"],
                charts.TopHotspots.Select(h => (IReadOnlyList<HtmlCell>)[HtmlTables.Number(h.Rank.ToString(CultureInfo.InvariantCulture)), h.LsoaName, h.District, HtmlTables.Count(h.Count, h.Count is null),
                    HtmlTables.Number(ReportFormat.Number(h.Z, 1)), h.Confidence, ReportFormat.Words(h.Trend ?? "not assessed"), h.OffenceGroup ?? "-",
                    HtmlTables.Number($"{ReportFormat.Count(Math.Round(h.X))}, {ReportFormat.Count(Math.Round(h.Y))}")]),
                caption: $"The ten strongest hot spots (groups of touching hot squares, {Distance(charts.CellSize)} across), {charts.HotspotPeriod}: the hot spot stage's ranked list, the same squares as the map");
        var others = charts.Of(ReportCharts.Where).Skip(1).Select(figures.Slot).ToList();
        var spatial = SpatialAnalysesSection.Build(stage, store.TableExists(Spatial.HotspotAnalysis.EvaluationTable) ? Spatial.HotspotAnalysis.ReadEvaluation(store) : [], geometry, data.AreaNames, defName, defVersion, figures);
        return new WhereView(head, map, charts.Hotspots is not null, charts.HotspotPeriod ?? "", top, others, spatial);
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

    private static DefinitionView Definition(SectionHead head, ReportView data, SeriousViolenceDefinition? definition, string name, string version)
    {
        var records = data.Descriptives.Classification is { } run ? (ReportFormat.Count(run.Events), ReportFormat.Count(run.InDefinition)) : ((string?)null, (string?)null);
        if (definition is null || definition.Name != name || definition.Version != version)
            return new DefinitionView(head, name, version, false, [], null, null);
        var blocks = new List<DefinitionBlock>();
        List<string>? list = null;
        foreach (var raw in DefinitionDescriber.Describe(definition).Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith("- ", StringComparison.Ordinal))
            {
                if (list is null) blocks.Add(new DefinitionBlock(null, list = []));
                list.Add(line.TrimStart()[2..]);
                continue;
            }
            list = null;
            if (string.IsNullOrWhiteSpace(line)) continue;
            blocks.Add(new DefinitionBlock(line.Trim(), null));
        }
        return new DefinitionView(head, name, version, true, blocks, records.Item1, records.Item2);
    }

    private static readonly string[] SexOrder = ["F", "M", "U"];

    private static WhoView Who(SectionHead head, ReportView data, ChartCaption caption, ReportFigures figures)
    {
        var victims = data.Descriptives.Victims;
        var bands = victims.Where(v => v.AgeBand != "all").OrderBy(v => v.Position).Select(v => v.AgeBand).Distinct().ToList();
        var known = bands.Where(b => b != "unknown").ToList();
        VictimCount? Cell(string band, string sex) => victims.FirstOrDefault(v => v.AgeBand == band && v.Sex == sex);
        FigureSlot victimFigure;
        HtmlTable? victimTable = null;
        if (known.Count == 0)
            victimFigure = FigureSlot.NotDrawn($"Not drawn: victims by age and sex, because {ReportFormat.SourceName(data.Period.PoliceSource).ToLowerInvariant()} records no victim ages.");
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
            victimFigure = FigureSlot.Drawn(figures.Draw(VictimChart.Create(known, grid, hidden, caption)));
            var rows = bands.Append("all").Select(b => (IReadOnlyList<HtmlCell>)[
                b == "unknown" ? "Age not recorded" : b == "all" ? "All ages" : $"Aged {b}",
                .. SexOrder.Append("all").Select(s => Cell(b, s) is { } c ? HtmlTables.Count(c.Count, c.Suppressed) : HtmlTables.Count(0))]).ToList();
            victimTable = HtmlTables.Of(["Victim age", "Female", "Male", "Sex not recorded", "All"], rows,
                caption: $"Serious violence offences by victim age and sex, {data.Label} ({ReportFormat.SourceName(data.Period.PoliceSource)})");
        }

        var cohortTables = new List<HtmlTable>();
        foreach (var kind in data.Descriptives.Cohorts.GroupBy(c => c.CohortKind))
        {
            var rows = kind.OrderBy(c => c.Position).ToList();
            var hasDen = rows.Any(r => r.Denominator is > 0);
            var perPopulation = rows[0].PerPopulation;
            var headers = !hasDen ? new[] { "Age band", "People" }
                : perPopulation ? ["Age band", "People", "Population aged 10-17", "Per 100,000 aged 10-17 (95% CI)"]
                : ["Age band", "People", "Cohort size", "Reoffended, % (95% CI)"];
            cohortTables.Add(HtmlTables.Of(headers, rows.Select(r =>
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
            }), caption: $"{CohortName(kind.Key)}, {ReportFormat.Period(rows[0].PeriodStart, rows[0].PeriodEnd)} (latest period, whole partnership)"));
        }
        return new WhoView(head, victimFigure, victimTable, cohortTables);
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
    private static HtmlTable? OffenceMixTable(ReportView data, ReportOptions options)
    {
        var mix = data.Descriptives.OffenceMix;
        if (mix.Count == 0) return null;
        static string Years(double? y, bool life)
        {
            if (life) return "life";
            if (y is not { } v) return "unknown";
            if (v < 1) return $"{ReportFormat.Number(v * 12, 0)} months";
            // Statutory maxima are whole or half years; 3,650 days reads as 10 years, not 9.99.
            var half = Math.Round(v * 2) / 2;
            return half == Math.Floor(half) ? $"{ReportFormat.Number(half, 0)} years" : $"{ReportFormat.Number(half, 1)} years";
        }
        return HtmlTables.Of(["Offence group", "Offences", "Share of offences", "Mean maximum penalty", "Maximum penalty range (lowest to highest offence)", "Offences with a life maximum"],
            mix.Select(m => (IReadOnlyList<HtmlCell>)[m.OffenceGroup.Contains('_', StringComparison.Ordinal) ? ReportFormat.Words(m.OffenceGroup) : m.OffenceGroup, HtmlTables.Count(m.Count, m.Suppressed),
                HtmlTables.Number(m.Share is { } s ? ReportFormat.Percent(s) : m.Suppressed ? ReportFormat.Hidden : "-"),
                HtmlTables.Number(m.MeanPenaltyYears is { } y ? $"{ReportFormat.Number(y, 1)} years" : m.SeverityIsRange ? "a range (crime type)" : "-"),
                $"{Years(m.PenaltyMinYears, m.PenaltyMinLife)} to {Years(m.PenaltyMaxYears, m.PenaltyMaxLife)}",
                m.SeverityIsRange ? HtmlTables.Number("-") : HtmlTables.Count(m.LifeMaximum, m.Suppressed)]),
            caption: $"Offence groups in {data.Label}, largest first. Means count a life maximum as {options.LifePenaltyDays / 365.25:0} years; police.uk crime types hold offences from common assault to murder, so their severity is the range of the offences' maximum penalties.");
    }

    // The descriptives stage's descriptive_outcomes: police.uk serious violence crimes by the group of their latest outcome.
    private static JusticeView JusticeOutcomes(SectionHead head, ReportView data)
    {
        var outcomes = data.Descriptives.Outcomes;
        var outcomeFiles = data.Status.Any(k => k.Kind == "police-outcomes" && k.Files > 0);
        var table = outcomes.Count == 0 ? null
            : HtmlTables.Of(["Outcome", "Police.uk outcome categories", "Crimes", "Share of crimes with an outcome"],
                outcomes.Select(o => (IReadOnlyList<HtmlCell>)[o.OutcomeGroup, o.Outcomes.Length == 0 ? "-" : o.Outcomes, HtmlTables.Count(o.Crimes, o.Suppressed),
                    HtmlTables.Number(o.Share is { } s ? ReportFormat.Percent(s) : ReportFormat.Hidden)]),
                caption: $"Serious violence crimes in {data.Label} by latest police.uk outcome, the descriptives stage's table (descriptive_outcomes).");
        return new JusticeView(head, data.Label, outcomeFiles, table);
    }

    private static DataQualityView DataQuality(SectionHead head, ReportView data, ReportGeometry geometry)
    {
        var d = data.Descriptives;
        var v = new DataQualityView(head)
        {
            Sources = HtmlTables.Of(["Source", "Records", "Counted as serious violence", "Counted but with no neighbourhood", "First month", "Last month"],
                d.Sources.Select(s => (IReadOnlyList<HtmlCell>)[ReportFormat.SourceName(s.Source), HtmlTables.Number(ReportFormat.Count(s.Records)), HtmlTables.Count(s.InDefinition), HtmlTables.Count(s.NoArea),
                    s.FirstMonth is { } f ? ReportFormat.ShortMonth(f) : "-", s.LastMonth is { } l ? ReportFormat.ShortMonth(l) : "-"])),
            PoliceSource = ReportFormat.SourceName(data.Period.PoliceSource).ToLowerInvariant(),
        };

        // The area stage's and the descriptive stage's own rows: which neighbourhoods are the partnership's, how each was
        // placed in its district, and the serious violence records the analysis leaves out because they fall outside.
        if (d.AreaPlacement.Count > 0)
        {
            v.AreaNearest = d.AreaPlacement.Any(p => p.PlacedBy.Contains("hub of the nearest", StringComparison.Ordinal));
            v.AreaCodeOnly = d.AreaPlacement.Any(p => p.DistrictNamedBy == "code only");
            v.AreaPlacement = HtmlTables.Of(["Placed by", "District named by", "Neighbourhoods", "Districts"],
                d.AreaPlacement.Select(p => (IReadOnlyList<HtmlCell>)[ReportFormat.Prose(p.PlacedBy), ReportFormat.Prose(p.DistrictNamedBy),
                    HtmlTables.Number(ReportFormat.Count(p.Lsoas)), HtmlTables.Number(ReportFormat.Count(p.Districts))]));
        }
        if (d.NoPopulation.Count > 0)
            v.NoPopulation = HtmlTables.Of(["Source", "Neighbourhoods", "Records"],
                d.NoPopulation.Select(n => (IReadOnlyList<HtmlCell>)[ReportFormat.SourceName(n.Source), HtmlTables.Number(ReportFormat.Count(n.Lsoas)), HtmlTables.Count(n.Records, n.Suppressed)]));
        if (d.OutsideArea.Count > 0)
            v.OutsideArea = HtmlTables.Of(["Source", "Force", "Reason", "Records"],
                d.OutsideArea.Select(o => (IReadOnlyList<HtmlCell>)[ReportFormat.SourceName(o.Source), o.Force, ReportFormat.Prose(o.Reason), HtmlTables.Count(o.Records, o.Suppressed)]));

        var kinds = data.Status.Where(k => k.Files > 0).OrderBy(k => k.Kind, StringComparer.Ordinal).ToList();
        v.Files = HtmlTables.Of(["Dataset", "Files", "Rows read", "Rows loaded", "Rows set aside (quarantined)", "Period covered"],
            kinds.Select(k => (IReadOnlyList<HtmlCell>)[k.Title, HtmlTables.Number(ReportFormat.Count(k.Files)), HtmlTables.Number(ReportFormat.Count(k.RowsRead)), HtmlTables.Number(ReportFormat.Count(k.RowsLoaded)),
                HtmlTables.Number(ReportFormat.Count(k.RowsQuarantined)), k.PeriodStart is { } a && k.PeriodEnd is { } b ? $"{ReportFormat.ShortMonth(a)} to {ReportFormat.ShortMonth(b)}" : "-"]));
        var missingKinds = data.Status.Where(k => k.Files == 0).Select(k => k.Title).OrderBy(x => x, StringComparer.Ordinal).ToList();
        if (missingKinds.Count > 0) v.NotLoaded = string.Join("; ", missingKinds);
        v.EveryFile = HtmlTables.Of(["File", "Dataset", "Rows read", "Rows loaded", "Rows set aside"],
            kinds.SelectMany(k => k.FileDetails.Select(f => (k.Title, f))).OrderBy(x => x.f.FileName, StringComparer.Ordinal).ThenBy(x => x.f.LoadId)
                .Select(x => (IReadOnlyList<HtmlCell>)[x.f.FileName, x.Title, HtmlTables.Number(ReportFormat.Count(x.f.RowsRead)), HtmlTables.Number(ReportFormat.Count(x.f.RowsLoaded)), HtmlTables.Number(ReportFormat.Count(x.f.RowsQuarantined))]));

        if (d.Quarantine.Count > 0)
            v.Quarantine = HtmlTables.Of(["Dataset", "Check failed", "Column", "Rows"],
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
            v.Duplicates = string.Join(" ", parts);
        }

        if (d.Gaps.Count > 0)
            v.Gaps = HtmlTables.Of(["Source", "From", "To", "Months missing"],
                d.Gaps.Select(g => (IReadOnlyList<HtmlCell>)[ReportFormat.SourceName(g.Source), ReportFormat.ShortMonth(g.FromMonth), ReportFormat.ShortMonth(g.ToMonth), HtmlTables.Number(ReportFormat.Count(g.Months))]));

        var codes = d.Unplaced.Where(u => u.Problem == "code").ToList();
        if (codes.Count > 0)
        {
            v.UnmappedRecords = ReportFormat.Count(d.Classification?.Unmapped ?? codes.Sum(u => u.Records ?? 0));
            v.Codes = HtmlTables.Of(["Source", "Code", "Records"], codes.Take(25).Select(u => (IReadOnlyList<HtmlCell>)[ReportFormat.SourceName(u.Source), u.Code, HtmlTables.Number(ReportFormat.Count(u.Records ?? 0))]));
            if (codes.Count > 25) v.MoreCodes = (codes.Count - 25).ToString(CultureInfo.InvariantCulture);
        }

        var lsoas = d.Unplaced.Where(u => u.Problem == "lsoa").ToList();
        v.LookupLoaded = data.Status.Any(k => k.Kind == "lsoa-lookup" && k.Files > 0);
        if (lsoas.Count > 0)
            v.Lsoas = HtmlTables.Of(["Source", "LSOA code", "Records"],
                lsoas.Take(25).Select(u => (IReadOnlyList<HtmlCell>)[ReportFormat.SourceName(u.Source), u.Code, HtmlTables.Count(u.Records, u.Suppressed)]));
        if (d.Classification is { LsoaSplit: > 0 } run) v.LsoaSplit = ReportFormat.Count(run.LsoaSplit);
        if (geometry.Unreadable > 0) v.Unreadable = ReportFormat.Count(geometry.Unreadable);

        var searches = d.Unplaced.Where(u => u.Problem == DescriptiveStage.StopSearchProblem).ToList();
        if (searches.Count > 0)
        {
            v.SearchDistance = ReportFormat.Count((long)Classify.StopSearchPlacement.MaxCentroidMetres);
            v.Searches = HtmlTables.Of(["Placed", "Searches"], searches.Select(u => (IReadOnlyList<HtmlCell>)[ReportFormat.Words(u.Code), HtmlTables.Count(u.Records, u.Suppressed)]));
        }
        return v;
    }

    private static MethodsView Methods(SectionHead head, ReportView data, SmallNumberRule rule, ReportOptions options, ReportChartSet charts)
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
        return new MethodsView(head, items.Select(item =>
        {
            var dot = item.IndexOf(". ", StringComparison.Ordinal);
            return new MethodItem(item[..(dot + 1)], item[(dot + 2)..]);
        }).ToList());
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
}
