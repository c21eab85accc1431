using System.Collections.Concurrent;
using NeedsAssessment.Charts;
using ScottPlot;

namespace NeedsAssessment.Report;

/// <summary>
/// Draws the report's figures on worker threads, one per core, while the sections go on being built: drawing (the
/// 2,000-pixel PNG and the SVG) is most of the report stage's time and each figure is its own ScottPlot plot. A figure's
/// PNG and SVG are drawn one after the other, as before, so each file's bytes are those a single thread gives; PNGs
/// go first, since the page waits for them in figure order. Nothing here writes a file.
/// </summary>
internal sealed class FigureRenderer : IDisposable
{
    private readonly BlockingCollection<Action> _pngs = new(new ConcurrentQueue<Action>());
    private readonly BlockingCollection<Action> _svgs = new(new ConcurrentQueue<Action>());
    private readonly List<Thread> _workers = [];
    private readonly Dictionary<Plot, RenderedFigure> _queued = new(ReferenceEqualityComparer.Instance);
    private readonly int _threads;

    /// <param name="threads">Worker threads; the machine's cores when not given.</param>
    public FigureRenderer(int? threads = null) => _threads = Math.Max(1, threads ?? Environment.ProcessorCount);

    /// <summary>
    /// Queues <paramref name="chart"/>'s PNG (<see cref="ReportChartFiles.PngWidth"/> wide, the layout of
    /// <paramref name="width"/> x <paramref name="height"/>) and, when <paramref name="svg"/>, its SVG at the layout size.
    /// </summary>
    public RenderedFigure Queue(Chart chart, int width, int height, bool svg)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ObjectDisposedException.ThrowIf(_pngs.IsAddingCompleted, this);
        // Registered once here: a font resolver added while another thread draws would break ScottPlot's lookup.
        ChartFonts.EnsureRegistered();
        // A plot drawn twice (no section does) waits for its first drawing: two threads must never draw one plot.
        if (_queued.TryGetValue(chart.Plot, out var earlier)) earlier.Wait();

        var png = new TaskCompletionSource<(byte[] Png, string Base64)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var svgText = svg ? new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously) : null;
        var figure = new RenderedFigure(png.Task, svgText?.Task);
        _queued[chart.Plot] = figure;
        Start();
        _pngs.Add(() =>
        {
            try
            {
                var bytes = ReportChartFiles.Png(chart, width, height);
                png.SetResult((bytes, Convert.ToBase64String(bytes)));
            }
            catch (Exception e)
            {
                png.SetException(e);
            }
        });
        if (svgText is not null)
        {
            _svgs.Add(() =>
            {
                try
                {
                    // After the PNG, which another worker may still be drawing: one plot, one thread at a time.
                    png.Task.Wait();
                    svgText.SetResult(ChartFile.SvgText(chart.Plot, width, height));
                }
                catch (Exception e)
                {
                    svgText.SetException(e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e);
                }
            });
        }

        return figure;
    }

    /// <summary>Waits until every figure queued is drawn (the charts may be read again once it returns).</summary>
    public void WaitAll()
    {
        foreach (var figure in _queued.Values) figure.Wait();
    }

    /// <summary>Lets the workers finish what is queued and stop.</summary>
    public void Dispose()
    {
        _pngs.CompleteAdding();
        _svgs.CompleteAdding();
    }

    private void Start()
    {
        if (_workers.Count > 0) return;
        var queues = new[] { _pngs, _svgs };
        for (var i = 0; i < _threads; i++)
        {
            // Background threads of their own, not the thread pool: the page waits on them, and a thread-pool thread
            // that waits for work queued behind it only gets help after the pool notices it is starved.
            var worker = new Thread(() =>
            {
                // PNGs first (the order of the array); -1 once both are completed and empty.
                while (BlockingCollection<Action>.TryTakeFromAny(queues, out var job, Timeout.Infinite) >= 0) job!();
            })
            { IsBackground = true, Name = $"report figures {i + 1}" };
            _workers.Add(worker);
            worker.Start();
        }
    }
}

/// <summary>A figure queued on a <see cref="FigureRenderer"/>: its PNG and, when asked for, its SVG, each waited for when read.</summary>
internal sealed class RenderedFigure(Task<(byte[] Png, string Base64)> png, Task<string>? svg)
{
    /// <summary>The PNG bytes.</summary>
    public byte[] Png => png.GetAwaiter().GetResult().Png;

    /// <summary>The PNG as base64, for the page's data URI.</summary>
    public string Base64 => png.GetAwaiter().GetResult().Base64;

    /// <summary>The SVG text; null when the chart files did not ask for it.</summary>
    public string? Svg => svg?.GetAwaiter().GetResult();

    /// <summary>Waits until the figure is drawn, whether or not drawing failed (reading it rethrows the failure).</summary>
    public void Wait()
    {
        Task.WaitAny(png);
        if (svg is not null) Task.WaitAny(svg);
    }
}
