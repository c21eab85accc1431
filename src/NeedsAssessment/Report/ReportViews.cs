using NeedsAssessment.Charts;

namespace NeedsAssessment.Report;

/// <summary>A drawn figure as the <c>figure</c> template shows it: the image, its number, title, caption and data table.</summary>
internal sealed record FigureView(int Number, RenderedFigure Image, int Width, int Height, string AltText, string Title, string Caption, HtmlTable Data)
{
    /// <summary>The PNG as base64 (waits for the figure to be drawn).</summary>
    public string PngBase64 => Image.Base64;
}

/// <summary>A place for a figure: the figure drawn, or the sentence that says why it was not.</summary>
internal sealed record FigureSlot(FigureView? Figure, string? Missing)
{
    public static FigureSlot Drawn(FigureView figure) => new(figure, null);

    public static FigureSlot NotDrawn(string why) => new(null, why);
}

/// <summary>An entry of the contents list.</summary>
internal sealed record ContentsEntry(string Id, string Heading);

/// <summary>
/// Numbers the report's figures in the order the sections ask for them and has each drawn once, on the
/// <see cref="FigureRenderer"/>'s threads while the sections go on: the PNG is the report's image and the chart file's
/// (<see cref="ReportChartFiles"/>), and the SVG is drawn there too when the <c>charts:</c> selection files the figure.
/// </summary>
internal sealed class ReportFigures(ReportOptions options) : IDisposable
{
    private readonly List<ReportFigureEntry> _drawn = [];
    private readonly FigureRenderer _renderer = new();

    public IReadOnlyList<ReportFigureEntry> Drawn => _drawn;

    /// <summary>Queues <paramref name="chart"/> as the next figure, at the size given, else the chart's own (<see cref="Chart.Size"/>), else the report's chart size.</summary>
    public FigureView Draw(Chart chart, int? width = null, int? height = null)
    {
        var (w, h) = (width ?? chart.Size?.Width ?? options.ChartWidth, height ?? chart.Size?.Height ?? options.ChartHeight);
        var entry = new ReportFigureEntry(_drawn.Count + 1, chart) { Width = w, Height = h };
        // Drawn once, at the chart files' resolution; the page shows it at its layout size, so it prints sharp.
        var image = _renderer.Queue(chart, w, h, svg: ReportChartFiles.Selected(options.Charts, entry));
        _drawn.Add(entry with { Rendered = image });
        var counts = chart.Data.Columns.Select(AssessmentReport.IsCountColumn).ToArray();
        var data = HtmlTables.Of(chart.Data.Columns, chart.Data.Rows.Select(row => (IReadOnlyList<HtmlCell>)row.Select((v, i) => new HtmlCell(v, i > 0 && counts[i] ? "n count" : i > 0 ? "n" : null)).ToList()));
        return new FigureView(entry.Number, image, w, h, chart.AltText, chart.Title, chart.Caption.ToString(), data);
    }

    /// <summary>The figure, or the sentence saying why it is missing.</summary>
    public FigureSlot Slot(ReportFigure figure) =>
        figure.Chart is { } c ? FigureSlot.Drawn(Draw(c)) : FigureSlot.NotDrawn($"Not drawn: {figure.Title}, because {figure.WhyMissing}");

    /// <summary>Waits until every figure is drawn, PNG and SVG.</summary>
    public void WaitAll() => _renderer.WaitAll();

    /// <summary>Stops the drawing threads once they have drawn what was queued.</summary>
    public void Dispose() => _renderer.Dispose();
}

/// <summary>A section's anchor and heading.</summary>
internal sealed record SectionHead(string Id, string Heading);

/// <summary>The whole page as <c>report.liquid</c> lays it out: every section's view, in page order.</summary>
internal sealed record ReportPage
{
    public required string Title { get; init; }

    public required string Lede { get; init; }

    public required IReadOnlyList<ContentsEntry> Contents { get; init; }

    /// <summary>The theme chapters' contents entries, placed before the modelling section's.</summary>
    public required IReadOnlyList<ContentsEntry> ThemeContents { get; init; }

    public required string ContentsNote { get; init; }

    public required FindingsView Findings { get; init; }

    public required PrioritiesView Priorities { get; init; }

    public required DefinitionView Definition { get; init; }

    public required PrevalenceView Prevalence { get; init; }

    public required ComparisonsView Comparisons { get; init; }

    public required WhereView Where { get; init; }

    public required FiguresView When { get; init; }

    public required WhoView Who { get; init; }

    public required JusticeView Justice { get; init; }

    /// <summary>The theme chapters (<c>themes.liquid</c>).</summary>
    public required IReadOnlyList<ThemeChapter> Themes { get; init; }

    public required ModelSectionView Model { get; init; }

    public required DataQualityView Data { get; init; }

    public required MethodsView Methods { get; init; }

    public required string Version { get; init; }
}

internal sealed record FindingsView(SectionHead Head, IReadOnlyList<string> Findings);

internal sealed record FiguresView(SectionHead Head, IReadOnlyList<FigureSlot> Figures);

/// <summary>A paragraph of the definition's text, or a list (<see cref="Items"/>).</summary>
internal sealed record DefinitionBlock(string? Text, List<string>? Items);

/// <summary>The definition section; <see cref="Found"/> is false when the definition file could not be read back.</summary>
internal sealed record DefinitionView(SectionHead Head, string Name, string Version, bool Found, IReadOnlyList<DefinitionBlock> Blocks, string? Records, string? InDefinition);

/// <summary>One domain's tables: the matrix of the partnership and districts, the full table, and (severity) the offence mix.</summary>
internal sealed record DomainView(string Domain, string Title, HtmlTable Matrix, HtmlTable Full, HtmlTable? OffenceMix);

internal sealed record PrevalenceView(SectionHead Head, string Label, IReadOnlyList<DomainView> Domains, IReadOnlyList<FigureSlot> Figures);

/// <summary>The where section: the hot spot map, the ranked list (null when none), the other maps and the other spatial analyses.</summary>
internal sealed record WhereView(SectionHead Head, IReadOnlyList<FigureSlot> Map, bool HotspotsRan, string HotspotPeriod, HtmlTable? Top, IReadOnlyList<FigureSlot> Others, SpatialView Spatial);

internal sealed record WhoView(SectionHead Head, FigureSlot Victims, HtmlTable? VictimTable, IReadOnlyList<HtmlTable> Cohorts);

internal sealed record JusticeView(SectionHead Head, string Label, bool OutcomeFiles, HtmlTable? Outcomes);

internal sealed record ModelSectionView(SectionHead Head, ModelView Model, ForecastView? Forecasts);

/// <summary>A methods note: its first sentence (printed bold) and the rest.</summary>
internal sealed record MethodItem(string Lead, string Text);

internal sealed record MethodsView(SectionHead Head, IReadOnlyList<MethodItem> Items);

/// <summary>The data sources and quality section; a null table is a check with nothing to show.</summary>
internal sealed class DataQualityView(SectionHead head)
{
    public SectionHead Head { get; } = head;

    public required HtmlTable Sources { get; init; }

    public required string PoliceSource { get; init; }

    public HtmlTable? AreaPlacement { get; set; }

    public bool AreaNearest { get; set; }

    public bool AreaCodeOnly { get; set; }

    public HtmlTable? NoPopulation { get; set; }

    public HtmlTable? OutsideArea { get; set; }

    public HtmlTable? Files { get; set; }

    public string? NotLoaded { get; set; }

    public HtmlTable? EveryFile { get; set; }

    public HtmlTable? Quarantine { get; set; }

    public string? Duplicates { get; set; }

    public HtmlTable? Gaps { get; set; }

    public string? UnmappedRecords { get; set; }

    public HtmlTable? Codes { get; set; }

    public string? MoreCodes { get; set; }

    public bool LookupLoaded { get; set; }

    public HtmlTable? Lsoas { get; set; }

    public string? LsoaSplit { get; set; }

    public string? Unreadable { get; set; }

    public string? SearchDistance { get; set; }

    public HtmlTable? Searches { get; set; }
}
