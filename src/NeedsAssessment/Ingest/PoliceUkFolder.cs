using NeedsAssessment.Store;

namespace NeedsAssessment.Ingest;

/// <summary>A file to load and the kind it loads as.</summary>
/// <param name="Kind">Dataset kind.</param>
/// <param name="Path">The file.</param>
public sealed record PlannedFile(string Kind, string Path);

/// <summary>A file left out of a load, with the reason in one line.</summary>
/// <param name="Path">The file.</param>
/// <param name="Reason">Why it was not loaded.</param>
public sealed record SkippedFile(string Path, string Reason);

/// <summary>
/// Routes the files of a folder as data.police.uk ships it: <c>-street</c>, <c>-outcomes</c> and
/// <c>-stop-and-search</c> files side by side, each to its own kind, by the published file name or else by the
/// header. A file that is none of them is skipped with one line saying why, so one stray file never refuses the
/// rest. Files named one by one (not through a folder) keep the kind they were given and its checks.
/// </summary>
public static class PoliceUkFolder
{
    /// <summary>The police.uk kinds a folder's files are routed among.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["police-street", "police-outcomes", "police-stop-search"];

    private static readonly (string Suffix, string Kind)[] Names =
        [("-street", "police-street"), ("-outcomes", "police-outcomes"), ("-stop-and-search", "police-stop-search")];

    /// <summary>Expands <paramref name="inputs"/> given for <paramref name="kind"/> into files with their kinds, and the files skipped.</summary>
    public static (IReadOnlyList<PlannedFile> Files, IReadOnlyList<SkippedFile> Skipped) Plan(string kind, IEnumerable<string> inputs, SchemaCatalog schemas)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        var files = new List<PlannedFile>();
        var skipped = new List<SkippedFile>();
        foreach (var arg in inputs)
        {
            var expanded = InputFiles.Expand([arg]);
            if (!Kinds.Contains(kind) || !Directory.Exists(arg))
            {
                files.AddRange(expanded.Select(f => new PlannedFile(kind, f)));
                continue;
            }
            foreach (var f in expanded)
            {
                var routed = ByName(f) ?? ByHeader(f, schemas);
                if (routed is null)
                    skipped.Add(new SkippedFile(f, $"{Path.GetFileName(f)}: skipped, not a police.uk file: its name does not end in {string.Join(", ", Names.Select(n => n.Suffix + ".csv"))} and its header matches none of their layouts."));
                else files.Add(new PlannedFile(routed, f));
            }
        }
        return (files, skipped);
    }

    /// <summary>The kind the published file name says (2024-01-north-yorkshire-outcomes.csv is police-outcomes), or null.</summary>
    public static string? ByName(string path)
    {
        var stem = Path.GetFileName(path).ToLowerInvariant();
        if (stem.EndsWith(".gz", StringComparison.Ordinal)) stem = stem[..^3];
        if (!stem.EndsWith(".csv", StringComparison.Ordinal)) return null;
        stem = stem[..^4];
        return Names.Where(n => stem.EndsWith(n.Suffix, StringComparison.Ordinal)).Select(n => n.Kind).FirstOrDefault();
    }

    /// <summary>The police.uk kind whose every required column the file's first line carries, or null.</summary>
    private static string? ByHeader(string path, SchemaCatalog schemas)
    {
        string? first;
        try
        {
            using var stream = File.OpenRead(path);
            using var text = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                ? new StreamReader(new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress))
                : new StreamReader(stream);
            first = text.ReadLine();
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(first)) return null;
        var header = SourceFile.SplitCsvLine(first.TrimStart('\uFEFF'), ',');
        return Kinds.Where(schemas.Contains).FirstOrDefault(k =>
        {
            var schema = schemas.Get(k);
            var found = header.Select(h => HeaderMatcher.Find(schema, h)).Where(f => f is not null).ToHashSet();
            return schema.Fields.Where(f => !f.OptionalColumn).All(found.Contains);
        });
    }
}
