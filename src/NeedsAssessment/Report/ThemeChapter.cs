using NeedsAssessment.Charts;

namespace NeedsAssessment.Report;

/// <summary>A table of a theme chapter: caption, headings and cells, all values of result rows.</summary>
internal sealed record ThemeTable(string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<HtmlCell>> Rows);

/// <summary>
/// One block of a theme chapter, in reading order: a sub-heading, a paragraph, a note (what the data cannot answer), a
/// table or a chart. Exactly one of <see cref="Text"/>, <see cref="Table"/> and <see cref="Chart"/> is set.
/// </summary>
internal sealed record ThemeBlock(string Kind, string? Text = null, ThemeTable? Table = null, Chart? Chart = null)
{
    public const string HeadingKind = "heading", ParagraphKind = "paragraph", NoteKind = "note", TableKind = "table", ChartKind = "chart";

    public static ThemeBlock Heading(string text) => new(HeadingKind, text);

    public static ThemeBlock Paragraph(string text) => new(ParagraphKind, text);

    public static ThemeBlock Note(string text) => new(NoteKind, text);

    public static ThemeBlock Of(ThemeTable table) => new(TableKind, Table: table);

    public static ThemeBlock Of(Chart chart) => new(ChartKind, Chart: chart);
}

/// <summary>
/// A theme chapter as values, before any HTML: its heading, introduction, key findings and blocks. Built by
/// <see cref="ThemeChapters.Build"/> from result rows and written by <see cref="ThemeChapters.WriteHtml"/> in one place, so
/// a template can take the same values.
/// </summary>
internal sealed record ThemeChapter(string Id, string SectionId, string Heading, string Intro, IReadOnlyList<string> Findings, IReadOnlyList<ThemeBlock> Blocks);
