namespace NeedsAssessment.Tests;

/// <summary>
/// A temp folder a fixture shares for the whole test session, deleted when the process exits. Why the sweep: the test
/// runner may stop the test host before its exit handlers finish, and each session left its shared demo, report and
/// pipeline folders behind (about 600 MB a session; 260 of them had filled a developer's disk). Folders of the same
/// kind untouched for hours belong to no running session, so each new session removes them.
/// </summary>
internal static class SessionFolder
{
    private static readonly TimeSpan Abandoned = TimeSpan.FromHours(3);

    /// <summary>A new folder path named <paramref name="prefix"/> and a unique suffix; not created.</summary>
    public static string Create(string prefix)
    {
        foreach (var old in Directory.EnumerateDirectories(Path.GetTempPath(), prefix + "*"))
            if (Directory.GetLastWriteTimeUtc(old) < DateTime.UtcNow - Abandoned) Delete(old);
        var path = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(path);
        return path;
    }

    private static void Delete(string path)
    {
        try { if (Directory.Exists(path)) Directory.Delete(path, recursive: true); }
        catch (IOException) { /* in use or already going: the next session's sweep removes it */ }
        catch (UnauthorizedAccessException) { /* the same */ }
    }
}
