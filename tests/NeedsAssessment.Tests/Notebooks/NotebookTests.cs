using System.Text.Json;
using NeedsAssessment.Tests.Classify;
using Xunit.Abstractions;

namespace NeedsAssessment.Tests.Notebooks;

/// <summary>
/// Every code cell of every notebook in <c>notebooks/</c> runs without error in the .NET Interactive C# kernel, against
/// the library assemblies of this build. One kernel per notebook; notebooks run one after another (they share the
/// kernel's static formatter registry). The kernels run in this process, so the notebooks that explore the demo share
/// one run of it (<see cref="NeedsAssessment.Notebooks.NotebookDemo"/>), as a user's notebooks in one kernel would.
/// </summary>
public sealed class NotebookTests(NotebookTests.WorkFolder work, ITestOutputHelper output) : IClassFixture<NotebookTests.WorkFolder>
{
    /// <summary>
    /// Where the notebooks write their demo data for this test run: a folder of its own, so runs by several people on one
    /// machine (or Debug and Release at once) cannot replace each other's stores mid-run. It is kept until every notebook
    /// has run (they share the demo in it) and deleted after the last.
    /// </summary>
    public sealed class WorkFolder : IDisposable
    {
        public WorkFolder() => Environment.SetEnvironmentVariable(NeedsAssessment.Notebooks.NotebookFolders.RootVariable, Root);

        public string Root { get; } = Path.Combine(Path.GetTempPath(), "needs-assessment-notebook-tests", Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            // A folder that cannot be deleted is left to the OS.
            try { if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The path every notebook's first cell references, relative to the notebook (see notebooks/README.md).</summary>
    public const string LibraryReference = "../src/NeedsAssessment.Cli/bin/Release/net10.0/linux-x64/NeedsAssessment.dll";

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(NotebookFolder, "*.ipynb").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(path));
        return data;
    }

    private static string NotebookFolder => Path.Combine(ClassifyFixture.RepoRoot(), "notebooks");

    private static string FixtureFolder => Path.Combine(ClassifyFixture.RepoRoot(), "tests", "NeedsAssessment.Tests", "Notebooks", "Fixtures");

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Every_code_cell_runs(string notebook)
    {
        var run = await NotebookRunner.RunAsync(Path.Combine(NotebookFolder, notebook));
        output.WriteLine($"{notebook}: {run.CellsRun} of {run.CodeCells} code cells run in {run.Elapsed.TotalSeconds:0.0} s, {run.HtmlOutputs.Count} HTML outputs; data under {work.Root}");
        output.WriteLine("  seconds per cell: " + string.Join(", ", run.CellTimes.Select(t => $"{t.Cell}: {t.Elapsed.TotalSeconds:0.0}")));
        // Set NOTEBOOK_HTML_DIR to look at what the cells displayed without opening an editor.
        if (Environment.GetEnvironmentVariable("NOTEBOOK_HTML_DIR") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, Path.ChangeExtension(notebook, ".html")), string.Join("\n<hr/>\n", run.HtmlOutputs));
        }
        Assert.True(run.Succeeded, string.Join("\n", run.Failures));
        Assert.True(run.CodeCells > 0, $"{notebook} has no C# code cells.");
    }

    [Fact]
    public async Task A_failing_cell_is_reported_with_notebook_and_cell()
    {
        var run = await NotebookRunner.RunAsync(Path.Combine(FixtureFolder, "broken.ipynb"));

        Assert.False(run.Succeeded);
        var failure = Assert.Single(run.Failures);
        Assert.Equal("broken.ipynb", failure.Notebook);
        Assert.Equal(4, failure.Cell);
        Assert.Contains("broken.ipynb, cell 4", failure.ToString(), StringComparison.Ordinal);
        Assert.Contains("deliberately broken", failure.Error, StringComparison.Ordinal);
        // The cells after a failure depend on it, so they are not run.
        Assert.Equal(2, run.CellsRun);
        Assert.Equal(3, run.CodeCells);
    }

    [Fact]
    public async Task A_compile_error_is_reported_with_its_diagnostic()
    {
        var run = await NotebookRunner.RunAsync(Path.Combine(FixtureFolder, "compile-error.ipynb"));

        var failure = Assert.Single(run.Failures);
        Assert.Equal(2, failure.Cell);
        Assert.Contains("CS0103", failure.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plots_and_frames_display_as_html()
    {
        var run = await NotebookRunner.RunAsync(Path.Combine(FixtureFolder, "display.ipynb"));

        Assert.True(run.Succeeded, string.Join("\n", run.Failures));
        Assert.Contains(run.HtmlOutputs, h => h.StartsWith("<img src=\"data:image/png;base64,", StringComparison.Ordinal));
        Assert.Contains(run.HtmlOutputs, h => h.Contains("<table>", StringComparison.Ordinal) && h.Contains("<th>district</th>", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Is_committed_clean_with_the_polyglot_kernel_and_the_documented_library_path(string notebook)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(NotebookFolder, notebook)));
        var meta = doc.RootElement.GetProperty("metadata");
        Assert.Equal(".net-csharp", meta.GetProperty("kernelspec").GetProperty("name").GetString());
        Assert.Equal("polyglot-notebook", meta.GetProperty("language_info").GetProperty("name").GetString());

        var code = new List<string>();
        foreach (var (cell, index) in doc.RootElement.GetProperty("cells").EnumerateArray().Select((c, i) => (c, i + 1)))
        {
            if (cell.GetProperty("cell_type").GetString() != "code") continue;
            Assert.True(cell.GetProperty("outputs").GetArrayLength() == 0, $"{notebook}, cell {index}: clear outputs before committing.");
            Assert.True(cell.GetProperty("execution_count").ValueKind == JsonValueKind.Null, $"{notebook}, cell {index}: clear execution counts before committing.");
            code.Add(string.Concat(cell.GetProperty("source").EnumerateArray().Select(l => l.GetString())));
        }
        var all = string.Join("\n", code);
        Assert.DoesNotContain("#r \"nuget:", all, StringComparison.Ordinal);
        Assert.Contains($"#r \"{LibraryReference}\"", all, StringComparison.Ordinal);
    }

#if !DEBUG
    [Fact]
    public void The_documented_library_path_exists_after_a_release_build()
    {
        // The test project references the CLI, so a Release build of the tests has built the folder the notebooks use.
        var library = Path.GetFullPath(Path.Combine(NotebookFolder, LibraryReference));
        Assert.True(File.Exists(library), $"{library} is missing: the notebooks' #r path no longer matches the build output.");
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(library)!, "Deedle.dll")), "The CLI output folder no longer carries the library's dependencies.");
    }
#endif
}
