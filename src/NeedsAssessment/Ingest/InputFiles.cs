using Microsoft.Extensions.FileSystemGlobbing;

namespace NeedsAssessment.Ingest;

/// <summary>Expands what an analyst types (files, folders, globs) into an ordered list of files.</summary>
public static class InputFiles
{
    /// <summary>File endings the loader reads.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".csv", ".csv.gz", ".parquet", ".json", ".ndjson", ".geojson", ".txt", ".xlsx", ".xls"];

    /// <summary>
    /// Expands each argument: an existing file as itself, a folder as its readable files (recursively), anything
    /// else as a glob relative to the current folder (or absolute). Order is stable (ordinal by path) so runs are
    /// deterministic. An argument that matches nothing is a user error naming it.
    /// </summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> arguments)
    {
        var result = new List<string>();
        foreach (var arg in arguments)
        {
            if (File.Exists(arg)) { result.Add(arg); continue; }
            if (Directory.Exists(arg))
            {
                var files = Directory.EnumerateFiles(arg, "*", SearchOption.AllDirectories).Where(IsReadable)
                    .OrderBy(p => p, StringComparer.Ordinal).ToList();
                if (files.Count == 0) throw new UserErrorException($"Folder '{arg}' holds no readable files ({string.Join(", ", Extensions)}).");
                result.AddRange(files);
                continue;
            }
            // Walk from the deepest folder without wildcards, not from the file-system root.
            var full = Path.GetFullPath(arg).Replace('\\', '/');
            var firstWild = full.IndexOfAny(['*', '?', '[']);
            var root = firstWild < 0 ? Path.GetDirectoryName(full)! : full[..full.LastIndexOf('/', firstWild)];
            if (root.Length == 0) root = "/";
            if (!Directory.Exists(root)) throw new UserErrorException($"No file matches '{arg}': folder '{root}' does not exist.");
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddInclude(Path.GetRelativePath(root, full).Replace('\\', '/'));
            var matches = matcher.GetResultsInFullPath(root).OrderBy(p => p, StringComparer.Ordinal).ToList();
            if (matches.Count == 0) throw new UserErrorException($"No file matches '{arg}'.");
            result.AddRange(matches);
        }
        return result;
    }

    // Excel's lock files (~$book.xlsx) sit beside an open workbook and are not data.
    private static bool IsReadable(string path) =>
        Extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase)) && !Path.GetFileName(path).StartsWith("~$", StringComparison.Ordinal);
}
