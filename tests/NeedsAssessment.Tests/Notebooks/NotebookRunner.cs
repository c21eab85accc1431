using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;
using KernelInfo = Microsoft.DotNet.Interactive.Documents.KernelInfo;

namespace NeedsAssessment.Tests.Notebooks;

/// <summary>A code cell that failed: which notebook, which cell (1-based over all cells, as an editor numbers them) and why.</summary>
public sealed record CellFailure(string Notebook, int Cell, string Code, string Error)
{
    public override string ToString()
    {
        var firstLine = Code.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)) ?? "";
        return $"{Notebook}, cell {Cell} ({firstLine}): {Error}";
    }
}

/// <summary>What running one notebook produced.</summary>
public sealed record NotebookRun(string Notebook, int CodeCells, int CellsRun, IReadOnlyList<CellFailure> Failures, IReadOnlyList<string> HtmlOutputs, TimeSpan Elapsed,
    IReadOnlyList<(int Cell, TimeSpan Elapsed)> CellTimes)
{
    public bool Succeeded => Failures.Count == 0;
}

/// <summary>
/// Runs every C# code cell of a .ipynb in an in-process .NET Interactive C# kernel, in order, as a user pressing
/// "Run All" would, and records the first failing cell. The notebooks reference the library by a path relative to
/// the notebook; the runner points those references at the assemblies beside the tests instead, so the notebooks are
/// tested against the build being tested (Debug or Release) and the library is never loaded twice.
/// </summary>
public static class NotebookRunner
{
    private static readonly Regex Reference = new("""^(\s*#r\s+")([^"]+)(")""", RegexOptions.Multiline);

    /// <summary>Longest a cell may run before it counts as failed.</summary>
    public static TimeSpan CellTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Runs <paramref name="notebookPath"/>; stops at the first failing cell (later cells depend on it).</summary>
    public static async Task<NotebookRun> RunAsync(string notebookPath, string? assemblyFolder = null)
    {
        assemblyFolder ??= AppContext.BaseDirectory;
        var name = Path.GetFileName(notebookPath);
        var document = Parse(notebookPath);
        var failures = new List<CellFailure>();
        var html = new List<string>();
        var times = new List<(int, TimeSpan)>();
        var clock = Stopwatch.StartNew();
        int codeCells = 0, run = 0;
        using var kernel = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        for (int i = 0; i < document.Elements.Count; i++)
        {
            var element = document.Elements[i];
            if (!IsCSharp(element.KernelName) || string.IsNullOrWhiteSpace(element.Contents)) continue;
            codeCells++;
            if (failures.Count > 0) continue;
            run++;
            var code = RewriteReferences(element.Contents, Path.GetDirectoryName(Path.GetFullPath(notebookPath))!, assemblyFolder);
            using var timeout = new CancellationTokenSource(CellTimeout);
            KernelCommandResult result;
            var cellClock = Stopwatch.StartNew();
            try
            {
                result = await kernel.SendAsync(new SubmitCode(code), timeout.Token);
                times.Add((i + 1, cellClock.Elapsed));
            }
            catch (OperationCanceledException)
            {
                failures.Add(new CellFailure(name, i + 1, element.Contents, $"timed out after {CellTimeout.TotalMinutes:0.#} minutes"));
                continue;
            }
            foreach (var e in result.Events)
            {
                if (e is DisplayEvent d)
                    html.AddRange(d.FormattedValues.Where(v => v.MimeType == "text/html").Select(v => v.Value));
            }
            var failed = result.Events.OfType<CommandFailed>().FirstOrDefault();
            if (failed is not null)
            {
                // Compile errors are already in the message; a runtime failure's message is the exception.
                var message = new StringBuilder(failed.Message);
                if (!failed.Message.Contains("error CS", StringComparison.Ordinal))
                {
                    foreach (var d in result.Events.OfType<DiagnosticsProduced>().SelectMany(x => x.Diagnostics)
                                 .Where(x => x.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error))
                        message.Append('\n').Append(d);
                }
                failures.Add(new CellFailure(name, i + 1, element.Contents, message.ToString()));
            }
        }
        return new NotebookRun(name, codeCells, run, failures, html, clock.Elapsed, times);
    }

    /// <summary>Reads a Polyglot/Jupyter notebook; cells without a kernel of their own take the notebook's (C#).</summary>
    public static InteractiveDocument Parse(string notebookPath)
    {
        var kernels = new KernelInfoCollection { new KernelInfo("csharp", "C#", ["c#", "C#"]), new KernelInfo("markdown", "Markdown", ["md"]) };
        kernels.DefaultKernelName = "csharp";
        return Notebook.Parse(File.ReadAllText(notebookPath), kernels);
    }

    internal static bool IsCSharp(string? kernelName) => kernelName is "csharp" or "C#" or "c#";

    /// <summary>
    /// Points <c>#r</c> references at this build: a reference to an assembly that is beside the tests (the library and
    /// its dependencies) is pointed there; any other relative path is resolved from the notebook's folder.
    /// </summary>
    public static string RewriteReferences(string code, string notebookFolder, string assemblyFolder) =>
        Reference.Replace(code, m =>
        {
            var path = m.Groups[2].Value;
            if (path.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase)) return m.Value;
            var beside = Path.Combine(assemblyFolder, Path.GetFileName(path));
            var target = File.Exists(beside) ? beside : Path.GetFullPath(Path.Combine(notebookFolder, path));
            return m.Groups[1].Value + target + m.Groups[3].Value;
        });
}
