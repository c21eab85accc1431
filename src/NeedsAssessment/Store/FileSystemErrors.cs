namespace NeedsAssessment.Store;

/// <summary>
/// Recognises a full disk in whatever form it surfaces (a .NET <see cref="IOException"/> carrying ENOSPC, or DuckDB's
/// "No space left on device" inside its own exception) and words it once, so a full disk is always the user's error
/// naming the folder and the fix, never an internal error or the message of a rollback that failed after it.
/// </summary>
public static class FileSystemErrors
{
    private const int Enospc = 28;
    private const int WindowsDiskFull = unchecked((int)0x80070070);

    /// <summary>True when <paramref name="ex"/> or one of its inner exceptions says the disk is full.</summary>
    public static bool IsDiskFull(Exception? ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is IOException && (e.HResult == Enospc || e.HResult == WindowsDiskFull)) return true;
            if (e.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase) ||
                e.Message.Contains("There is not enough space on the disk", StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>The message for a full disk while writing <paramref name="path"/> (a folder or the store).</summary>
    public static UserErrorException DiskFull(string path, Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return new($"The disk holding '{path}' is full ({Cause(ex)}): free some space there, or choose an output folder or store " +
            "(--out, --db, or 'output:' in the assessment file) on a disk with room. Nothing was half-written: loads are rolled back " +
            "and outputs are published only when complete.", ex);
    }

    // The innermost message that says so, first line only: it names the file being written.
    private static string Cause(Exception ex)
    {
        string? found = null;
        for (var e = ex; e is not null; e = e.InnerException)
            if (e.Message.Contains("space", StringComparison.OrdinalIgnoreCase)) found = e.Message;
        var line = (found ?? ex.Message).Split('\n')[0].Trim();
        return line.Length > 300 ? line[..300] + "..." : line;
    }
}
