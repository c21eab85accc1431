namespace NeedsAssessment.Tests.Ingest;

/// <summary>The real published files in ../shared/data (beside the repository, as on CI), found from the test folder upwards.</summary>
internal static class SharedData
{
    public static string File(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", relative);
            if (System.IO.File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException($"shared/data/{relative} was not found above {AppContext.BaseDirectory}: the published files must sit in ../shared/data beside the repository.");
    }
}
