using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using Deedle;
using NeedsAssessment.Charts;
using ScottPlot;

namespace NeedsAssessment.Notebooks;

/// <summary>
/// HTML for the engine's results in a notebook: charts as embedded PNG images, Deedle frames as tables. The library
/// renders strings only, so it needs no .NET Interactive reference; the notebook's first cell hands these renderers to
/// the kernel's <c>Formatter</c> through <see cref="Register"/>.
/// </summary>
public static class NotebookDisplay
{
    /// <summary>Rows a frame shows by default: enough to see the shape, few enough to keep the notebook small.</summary>
    public const int DefaultMaxRows = 20;

    /// <summary>Chart width in a notebook, in pixels (smaller than the report's so it fits beside the code).</summary>
    public const int DefaultWidth = 800;

    /// <summary>Chart height in a notebook, in pixels.</summary>
    public const int DefaultHeight = 520;

    /// <summary>Rows a frame shows when displayed through a registered formatter.</summary>
    public static int MaxRows { get; set; } = DefaultMaxRows;

    /// <summary>
    /// Hands a renderer for every type this class can show to <paramref name="register"/>, keyed by type (open generic
    /// for frames). In a notebook:
    /// <code>NotebookDisplay.Register((type, html) =&gt; Formatter.Register(type, (value, writer) =&gt; writer.Write(html(value)), "text/html"));</code>
    /// </summary>
    /// <param name="register">Receives each type and the function that renders a value of it as HTML.</param>
    public static void Register(Action<Type, Func<object, string>> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        register(typeof(Plot), value => PlotHtml((Plot)value));
        register(typeof(Chart), value => ChartHtml((Chart)value));
        register(typeof(ChartDataTable), value => TableHtml((ChartDataTable)value));
        register(typeof(Frame<,>), value => FrameHtml(value, MaxRows));
        register(typeof(Series<,>), value => SeriesHtml(value, MaxRows));
    }

    /// <summary>A plot as an HTML <c>img</c> holding the PNG inline (base64), so the notebook file carries the image.</summary>
    /// <param name="plot">The plot.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="altText">Text for screen readers; the plot's title when null.</param>
    public static string PlotHtml(Plot plot, int width = DefaultWidth, int height = DefaultHeight, string? altText = null)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var png = ChartFile.PngBytes(plot, width, height);
        altText ??= plot.Axes.Title.Label.Text;
        return $"<img src=\"data:image/png;base64,{Convert.ToBase64String(png)}\" width=\"{width}\" height=\"{height}\" alt=\"{Encode(altText)}\" />";
    }

    /// <summary>A chart as its image (with the chart's alt text) followed by its caption.</summary>
    /// <param name="chart">The chart.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public static string ChartHtml(Chart chart, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var html = new StringBuilder("<figure style=\"margin:0\">");
        html.Append(PlotHtml(chart.Plot, width, height, chart.AltText));
        html.Append("<figcaption style=\"font-size:smaller\">").Append(Encode(chart.AltText));
        foreach (var line in chart.Caption.Lines()) html.Append("<br/>").Append(Encode(line));
        html.Append("</figcaption></figure>");
        return html.ToString();
    }

    /// <summary>A chart's data table as HTML.</summary>
    /// <param name="table">The table.</param>
    public static string TableHtml(ChartDataTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var html = new StringBuilder("<table><thead><tr>");
        foreach (var c in table.Columns) html.Append("<th>").Append(Encode(c)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row) html.Append("<td>").Append(Encode(cell)).Append("</td>");
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>
    /// The first <paramref name="maxRows"/> rows of a frame as an HTML table (row keys first), with a line saying how
    /// many rows and columns the frame has. Missing values are blank.
    /// </summary>
    /// <typeparam name="TRowKey">Row key type.</typeparam>
    /// <typeparam name="TColumnKey">Column key type.</typeparam>
    /// <param name="frame">The frame.</param>
    /// <param name="maxRows">Rows to show.</param>
    public static string FrameHtml<TRowKey, TColumnKey>(Frame<TRowKey, TColumnKey> frame, int maxRows = DefaultMaxRows)
        where TRowKey : notnull
        where TColumnKey : notnull
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRows);
        var columns = frame.ColumnKeys.ToList();
        var series = columns.Select(c => frame.GetColumn<object>(c)).ToList();
        var html = new StringBuilder("<table><thead><tr><th></th>");
        foreach (var c in columns) html.Append("<th>").Append(Encode(Text(c))).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in frame.RowKeys.Take(maxRows))
        {
            html.Append("<tr><th>").Append(Encode(Text(row))).Append("</th>");
            foreach (var s in series)
            {
                var value = s.TryGet(row);
                html.Append("<td>").Append(value.HasValue ? Encode(Text(value.Value)) : "").Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        var rows = frame.RowCount;
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"font-size:smaller\">{rows:N0} rows x {columns.Count:N0} columns")
            .Append(rows > maxRows ? $"; first {maxRows:N0} shown</p>" : "</p>");
        return html.ToString();
    }

    /// <summary>
    /// <see cref="FrameHtml{TRowKey, TColumnKey}(Frame{TRowKey, TColumnKey}, int)"/> for a frame of any key types, given as
    /// an object (as a formatter registered for the open generic frame type receives it).
    /// </summary>
    /// <param name="frame">A <see cref="Frame{TRowKey, TColumnKey}"/>.</param>
    /// <param name="maxRows">Rows to show.</param>
    public static string FrameHtml(object frame, int maxRows = DefaultMaxRows) => InvokeGeneric(frame, typeof(Frame<,>), GenericFrameHtml, maxRows);

    /// <summary>The first <paramref name="maxRows"/> entries of a series as a two-column HTML table (key, value).</summary>
    /// <typeparam name="TKey">Key type.</typeparam>
    /// <typeparam name="TValue">Value type.</typeparam>
    /// <param name="series">The series.</param>
    /// <param name="maxRows">Entries to show.</param>
    public static string SeriesHtml<TKey, TValue>(Series<TKey, TValue> series, int maxRows = DefaultMaxRows)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRows);
        var html = new StringBuilder("<table><thead><tr><th></th><th>value</th></tr></thead><tbody>");
        foreach (var key in series.Keys.Take(maxRows))
        {
            var value = series.TryGet(key);
            html.Append("<tr><th>").Append(Encode(Text(key))).Append("</th><td>")
                .Append(value.HasValue ? Encode(Text(value.Value)) : "").Append("</td></tr>");
        }
        var count = series.KeyCount;
        html.Append(CultureInfo.InvariantCulture, $"</tbody></table><p style=\"font-size:smaller\">{count:N0} entries")
            .Append(count > maxRows ? $"; first {maxRows:N0} shown</p>" : "</p>");
        return html.ToString();
    }

    /// <summary>
    /// <see cref="SeriesHtml{TKey, TValue}(Series{TKey, TValue}, int)"/> for a series of any key and value types, given as
    /// an object (as a formatter registered for the open generic series type receives it).
    /// </summary>
    /// <param name="series">A <see cref="Series{TKey, TValue}"/>.</param>
    /// <param name="maxRows">Entries to show.</param>
    public static string SeriesHtml(object series, int maxRows = DefaultMaxRows) => InvokeGeneric(series, typeof(Series<,>), GenericSeriesHtml, maxRows);

    private static readonly MethodInfo GenericSeriesHtml = typeof(NotebookDisplay).GetMethods()
        .Single(m => m.Name == nameof(SeriesHtml) && m.IsGenericMethodDefinition);

    private static readonly MethodInfo GenericFrameHtml = typeof(NotebookDisplay).GetMethods()
        .Single(m => m.Name == nameof(FrameHtml) && m.IsGenericMethodDefinition);

    private static string InvokeGeneric(object value, Type definition, MethodInfo method, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(value);
        var type = value.GetType();
        while (type is not null && !(type.IsGenericType && type.GetGenericTypeDefinition() == definition)) type = type.BaseType;
        if (type is null) throw new ArgumentException($"Expected a Deedle {definition.Name[..^2]}, got {value.GetType().Name}.", nameof(value));
        try
        {
            return (string)method.MakeGenericMethod(type.GetGenericArguments()).Invoke(null, [value, maxRows])!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        double d when double.IsNaN(d) => "",
        double d => d.ToString(Math.Abs(d) >= 1e6 || (d != 0 && Math.Abs(d) < 1e-3) ? "G4" : "#,0.###", CultureInfo.InvariantCulture),
        float f => Text((double)f),
        DateTime t when t.TimeOfDay == TimeSpan.Zero => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
