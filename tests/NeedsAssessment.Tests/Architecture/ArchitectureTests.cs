using System.Text.Json;
using System.Text.RegularExpressions;
using NeedsAssessment.Store;
using NeedsAssessment.Tests.Classify;

namespace NeedsAssessment.Tests.Architecture;

/// <summary>
/// The library's folders form a one-way flow (no folder uses a folder that uses it back), Deedle stays in the notebook
/// layer, and the views (report, charts, notebooks) do not read the store's input tables. Read from the compiled
/// assembly, so fully qualified and same-root names count as much as <c>using</c> lines.
/// </summary>
public partial class ArchitectureTests
{
    private static readonly Lazy<TypeReferenceGraph> Graph =
        new(() => TypeReferenceGraph.Read(typeof(AssessmentStore).Assembly.Location));

    private static string Describe(TypeReferenceGraph g, IEnumerable<string> folders)
    {
        var set = folders.ToHashSet(StringComparer.Ordinal);
        return string.Join("\n", set.Order(StringComparer.Ordinal).SelectMany(f =>
            g.FolderEdges.TryGetValue(f, out var e)
                ? e.Where(kv => set.Contains(kv.Key)).Select(kv => $"  {f} -> {kv.Key}: {kv.Value}")
                : []));
    }

    [Fact]
    public void NoTwoFoldersOfTheLibraryUseEachOtherDirectlyOrThroughOthers()
    {
        var g = Graph.Value;
        var cycles = TypeReferenceGraph.Cycles(g.FolderEdges);
        Assert.True(cycles.Count == 0,
            "Folder dependency cycles:\n" + string.Join("\n", cycles.Select(c => $"[{string.Join(", ", c)}]\n{Describe(g, c)}")));
    }

    [Fact]
    public void TheRootNamespaceHoldsOnlySharedBasicsThatUseNoFolder()
    {
        var g = Graph.Value;
        var uses = g.FolderEdges.TryGetValue(TypeReferenceGraph.RootFolder, out var e) ? e : [];
        Assert.True(uses.Count == 0, "The root namespace uses: " + string.Join("; ", uses.Select(kv => $"{kv.Key} ({kv.Value})")));
    }

    [Fact]
    public void OnlyTheNotebookLayerReferencesDeedle()
    {
        var g = Graph.Value;
        var offenders = g.AssembliesByFolder
            .Where(kv => kv.Key != "Notebooks" && kv.Value.ContainsKey("Deedle"))
            .Select(kv => $"{kv.Key}: {kv.Value["Deedle"]}").ToList();
        Assert.True(offenders.Count == 0, "Core folders referencing Deedle:\n" + string.Join("\n", offenders));
        // The reader sees what is there: the notebook layer does build Deedle frames.
        Assert.True(g.AssembliesByFolder["Notebooks"].ContainsKey("Deedle"));
    }

    [Fact]
    public void TheGraphReaderSeesReferencesMadeByFullyQualifiedNamesAndLambdas()
    {
        var g = Graph.Value;
        // StageRegistry names Indicators.IndicatorEngine without a using, from inside lambdas.
        Assert.True(g.FolderEdges["Pipeline"].ContainsKey("Indicators"));
        Assert.True(g.FolderEdges["Pipeline"].ContainsKey("Report"));
        Assert.Contains("Spatial", g.Folders);
        var stats = g.FolderEdges.TryGetValue("Statistics", out var e)
            ? e.Where(kv => kv.Key != TypeReferenceGraph.RootFolder).Select(kv => kv.Value).ToList()
            : [];
        Assert.True(stats.Count == 0, "Statistics should be pure functions using no other folder: " + string.Join("; ", stats));
    }

    [Fact]
    public void CycleFinderReportsEveryFolderOfACycleAndNothingForAChain()
    {
        var cyclic = new Dictionary<string, Dictionary<string, string>>
        {
            ["A"] = new() { ["B"] = "" }, ["B"] = new() { ["C"] = "" }, ["C"] = new() { ["A"] = "", ["D"] = "" },
        };
        Assert.Equal(["A", "B", "C"], Assert.Single(TypeReferenceGraph.Cycles(cyclic)));
        var chain = new Dictionary<string, Dictionary<string, string>> { ["A"] = new() { ["B"] = "" }, ["B"] = new() { ["C"] = "" } };
        Assert.Empty(TypeReferenceGraph.Cycles(chain));
    }

    /// <summary>
    /// Views that still run SQL over input tables or sv_events, while the report is moved onto stage results
    /// (issue 14, points 1 and 4). Remove a file when it no longer does; no file may be added.
    /// </summary>
    private static readonly string[] ViewsStillReadingInputTables = [];

    // SQL keywords in capitals, as the code base writes them, so prose ("from population estimates") does not count.
    [GeneratedRegex(@"\b(?:FROM|JOIN)\s+(?:""|\()?\s*(?<table>[a-z_][a-z0-9_]*)\b")]
    private static partial Regex SqlSource();

    private static HashSet<string> InputTables()
    {
        var tables = Directory.EnumerateFiles(Path.Combine(ClassifyFixture.RepoRoot(), "data-schemas"), "*.schema.json")
            .Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("table").GetString()!)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        tables.Add("sv_events");
        return tables;
    }

    /// <summary>View files (report, charts, notebook helpers and notebooks) with SQL over an input table, or that reach one through the reference-load helpers.</summary>
    private static Dictionary<string, string> ViewsReadingInputTables()
    {
        var root = ClassifyFixture.RepoRoot();
        var tables = InputTables();
        var files = new[] { "Report", "Charts", "Notebooks" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, "src", "NeedsAssessment", d), "*.cs", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "notebooks"), "*.ipynb"));
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var hit = SqlSource().Matches(text).Select(m => m.Groups["table"].Value).FirstOrDefault(tables.Contains)
                      ?? (text.Contains("ReferenceLoads.", StringComparison.Ordinal) || text.Contains("AreaHierarchy.Lsoas", StringComparison.Ordinal) ? "a reference table" : null);
            if (hit is not null) found[Path.GetRelativePath(root, file).Replace('\\', '/')] = hit;
        }
        return found;
    }

    [Fact]
    public void NoViewBeyondTheKnownOnesReadsTheStoresInputTables()
    {
        var found = ViewsReadingInputTables();
        Assert.NotEmpty(InputTables());
        var added = found.Keys.Except(ViewsStillReadingInputTables).Select(f => $"{f} reads {found[f]}").ToList();
        Assert.True(added.Count == 0, "Views must read stage results, not input tables:\n" + string.Join("\n", added));
    }

    [Fact]
    public void EveryViewListedAsStillReadingInputTablesStillDoes()
    {
        var found = ViewsReadingInputTables();
        var fixedFiles = ViewsStillReadingInputTables.Where(f => !found.ContainsKey(f)).ToList();
        Assert.True(fixedFiles.Count == 0,
            "These views no longer read input tables; remove them from ViewsStillReadingInputTables: " + string.Join(", ", fixedFiles));
    }

    [Fact]
    public void ArchitectureNotesNameEveryStageAndOnlyFilesThatExist()
    {
        var root = ClassifyFixture.RepoRoot();
        var notes = File.ReadAllText(Path.Combine(root, "docs", "architecture.md"));
        foreach (var stage in NeedsAssessment.Pipeline.Stages.All)
            Assert.Contains($"| `{stage.Name}` |", notes, StringComparison.Ordinal);
        var files = CodePath().Matches(notes).Select(m => m.Groups["path"].Value).Distinct(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var missing = files.Where(f => !File.Exists(Path.Combine(root, "src", "NeedsAssessment", f)) && !File.Exists(Path.Combine(root, "src", f)) && !File.Exists(Path.Combine(root, f))).ToList();
        Assert.True(missing.Count == 0, "docs/architecture.md names files that do not exist: " + string.Join(", ", missing));
        var folders = Graph.Value.Folders.Where(f => f != TypeReferenceGraph.RootFolder).ToList();
        Assert.All(folders, f => Assert.Contains($"`{f}`", notes, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"`(?<path>[A-Za-z./]+/[A-Za-z.]+\.(?:cs|md))`")]
    private static partial Regex CodePath();
}
