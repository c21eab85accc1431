using NeedsAssessment.Synthetic;

namespace NeedsAssessment.Tests.Pipeline;

/// <summary>One small synthetic county (one year) shared by the pipeline tests, and a way to write assessment files over it.</summary>
public sealed class PipelineFixture : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("na-pipeline-").FullName;
    public SyntheticResult Data { get; }

    public PipelineFixture()
    {
        Data = SyntheticCounty.Generate(new SyntheticOptions(Path.Combine(Root, "data")) { Seed = 7, Years = 1 });
    }

    /// <summary>Writes an assessment file listing every generated kind, with paths relative to the file.</summary>
    public string WriteAssessment(string name, string output, string? dataFolder = null, string extra = "")
    {
        var folder = dataFolder ?? Data.OutputFolder;
        var lines = new List<string>
        {
            "partnership:", "  name: Synthshire CSP", "  area: Synthshire",
            "inputs:",
        };
        foreach (var (kind, files) in Data.FilesByKind.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var rel = files.Select(f => Path.GetRelativePath(Root, Path.Combine(folder, Path.GetRelativePath(Data.OutputFolder, f))).Replace('\\', '/'));
            lines.Add($"  {kind}: [{string.Join(", ", rel)}]");
        }
        lines.Add("periods: [financial_year, rolling_12_months]");
        lines.Add("geography:");
        lines.Add("  levels: [district, partnership]");
        lines.Add($"output: {output}");
        if (extra.Length > 0) lines.Add(extra);
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { /* best effort */ }
    }
}
