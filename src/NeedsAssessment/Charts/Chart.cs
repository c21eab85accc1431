using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>
/// A finished chart: the ScottPlot <see cref="Plot"/> (displayable in a notebook, savable with <see cref="ChartFile"/>)
/// plus what the report needs beside every figure: a title, a one-sentence alt text, the caption and the data as a table.
/// </summary>
/// <param name="Plot">The drawn figure.</param>
/// <param name="Title">Title as drawn on the figure.</param>
/// <param name="AltText">One sentence describing what the chart shows, for screen readers.</param>
/// <param name="Caption">Source, period and definition, also drawn on the figure.</param>
/// <param name="Data">The plotted values as text, suppressed values shown as "suppressed".</param>
public sealed record Chart(Plot Plot, string Title, string AltText, ChartCaption Caption, ChartDataTable Data)
{
    /// <summary>
    /// The size in pixels the chart is laid out for, when it is not the report's usual size (a spine chart of many
    /// indicators is taller, so its labels keep a legible size when the figure is placed at a page's width); null for the usual size.
    /// </summary>
    public (int Width, int Height)? Size { get; init; }
}

/// <summary>A chart's data as a small table of strings, ready for the report (every chart must have one).</summary>
/// <param name="Columns">Column headings, with units.</param>
/// <param name="Rows">Rows of cells, one per plotted item, each as long as <paramref name="Columns"/>.</param>
public sealed record ChartDataTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>Text shown in place of a suppressed value.</summary>
    public const string SuppressedText = "suppressed";

    /// <summary>Text shown in place of a missing value.</summary>
    public const string MissingText = "no data";
}
