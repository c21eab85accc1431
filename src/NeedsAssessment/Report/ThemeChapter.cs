namespace NeedsAssessment.Report;

/// <summary>
/// One block of a theme chapter, in reading order: a sub-heading, a paragraph, a note (what the data cannot answer), a
/// table or a figure. Exactly one of <see cref="Text"/>, <see cref="Table"/> and <see cref="Figure"/> is set.
/// </summary>
internal sealed record ThemeBlock(string Kind, string? Text = null, HtmlTable? Table = null, FigureView? Figure = null)
{
    public const string HeadingKind = "heading", ParagraphKind = "paragraph", NoteKind = "note", TableKind = "table", FigureKind = "figure";

    public static ThemeBlock Heading(string text) => new(HeadingKind, text);

    public static ThemeBlock Paragraph(string text) => new(ParagraphKind, text);

    public static ThemeBlock Note(string text) => new(NoteKind, text);

    public static ThemeBlock Of(HtmlTable table) => new(TableKind, Table: table);

    public static ThemeBlock Of(FigureView figure) => new(FigureKind, Figure: figure);
}

/// <summary>
/// A theme chapter as <c>themes.liquid</c> lays it out: its anchor, heading, introduction, key findings and blocks,
/// built by <see cref="ThemeChapters.Build"/> from result rows.
/// </summary>
internal sealed record ThemeChapter(string Id, string SectionId, string Heading, string Intro, IReadOnlyList<string> Findings, IReadOnlyList<ThemeBlock> Blocks);
