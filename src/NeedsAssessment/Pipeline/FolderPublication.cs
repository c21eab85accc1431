using System.Runtime.InteropServices;
using NeedsAssessment.Store;

namespace NeedsAssessment.Pipeline;

/// <summary>
/// Publishes an output folder all at once. Every command that publishes writes into a staging folder beside the output
/// folder (<c>.NAME.staging</c>, same parent, so the same file system); <see cref="CarryOver"/> brings over what the output
/// folder holds that this publication does not replace (as hard links, so the store and partner files cost nothing) and
/// <see cref="Commit"/> swaps the staging folder into the output folder's place. Why: writing file by file in place means a failure or a
/// kill (even SIGKILL) leaves a truncated report or files of two runs side by side with a stale manifest; with the swap
/// the output folder is always either the previous publication or the new one, never a mix.
/// </summary>
/// <remarks>
/// On Linux the swap is one <c>renameat2(RENAME_EXCHANGE)</c>. Elsewhere (or on a file system without it) it is two
/// renames, output to <c>.NAME.previous</c> then staging to output; a kill between them is undone by the next
/// <see cref="Begin"/>, which puts <c>.NAME.previous</c> back. A shell whose working directory is the output folder is
/// left in the replaced (deleted) folder after a publication and must <c>cd</c> back in.
/// </remarks>
public sealed class FolderPublication : IDisposable
{
    private bool committed;

    private FolderPublication(string outputFolder, string stagingFolder, string previousFolder)
    {
        OutputFolder = outputFolder;
        StagingFolder = stagingFolder;
        PreviousFolder = previousFolder;
    }

    /// <summary>The folder being published (full path).</summary>
    public string OutputFolder { get; }

    /// <summary>Empty folder beside the output folder that receives everything this publication writes.</summary>
    public string StagingFolder { get; }

    private string PreviousFolder { get; }

    /// <summary>
    /// Starts a publication of <paramref name="outputFolder"/>: repairs what an interrupted publication left (a
    /// staging folder is removed; an output folder that a kill left only as <c>.NAME.previous</c> is put back), checks
    /// that the output folder and its parent are writable, and creates an empty staging folder.
    /// </summary>
    /// <exception cref="UserErrorException">The output folder or its parent is read-only or cannot be created.</exception>
    public static FolderPublication Begin(string outputFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputFolder));
        var parent = Path.GetDirectoryName(full);
        if (string.IsNullOrEmpty(parent) || string.IsNullOrEmpty(Path.GetFileName(full)))
            throw new UserErrorException($"The output folder '{outputFolder}' is a file system root; outputs are published by replacing the folder, so choose a folder inside it.");
        var name = Path.GetFileName(full);
        var publication = new FolderPublication(full, Path.Combine(parent, $".{name}.staging"), Path.Combine(parent, $".{name}.previous"));
        publication.Prepare(outputFolder, parent);
        return publication;
    }

    private void Prepare(string given, string parent)
    {
        if (File.Exists(OutputFolder))
            throw new UserErrorException($"The output folder '{given}' is a file, not a folder: remove it or choose another output folder.");
        try
        {
            Directory.CreateDirectory(parent);
            if (!Directory.Exists(OutputFolder) && Directory.Exists(PreviousFolder)) Directory.Move(PreviousFolder, OutputFolder);
            if (Directory.Exists(PreviousFolder)) Directory.Delete(PreviousFolder, recursive: true);
            if (Directory.Exists(StagingFolder)) Directory.Delete(StagingFolder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw NotWritable(parent, "the folder that holds the output folder", ex);
        }
        // A read-only output folder is the user saying "don't change this": refuse rather than swap it away.
        if (Directory.Exists(OutputFolder)) Probe(OutputFolder, "the output folder");
        try { Directory.CreateDirectory(StagingFolder); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw NotWritable(parent, "the folder that holds the output folder (the new outputs are staged there)", ex);
        }
    }

    /// <summary>Where a file staged at <paramref name="stagedPath"/> is once the publication is committed (for messages).</summary>
    public string PublishedPath(string stagedPath) => Path.Combine(OutputFolder, Path.GetRelativePath(StagingFolder, stagedPath));

    /// <summary>
    /// Writes a publication in one call, for a command that publishes one folder: <paramref name="write"/> gets the
    /// staging folder and must close any store it opened there before returning; everything else the folder held is
    /// carried over and the folder is swapped. If <paramref name="write"/> throws, the output folder is left as it was.
    /// </summary>
    public static T Publish<T>(string outputFolder, Func<FolderPublication, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var publication = Begin(outputFolder);
        T result;
        try { result = write(publication); }
        catch (Exception ex) when (ex is not UserErrorException && FileSystemErrors.IsDiskFull(ex))
        {
            throw FileSystemErrors.DiskFull(Path.GetDirectoryName(publication.OutputFolder)!, ex);
        }
        publication.CarryOver();
        publication.Commit();
        return result;
    }

    private static void Probe(string folder, string what)
    {
        // On Linux the kernel answers without a file being made: a probe file written into the output folder is a
        // change to the previous outputs, and a kill before it is deleted left it there.
        if (OperatingSystem.IsLinux())
        {
            try
            {
                if (Native.access(folder, Native.WriteOk) == 0) return;
                var errno = Marshal.GetLastPInvokeError();
                throw NotWritable(folder, what, new IOException(Marshal.GetPInvokeErrorMessage(errno), errno));
            }
            catch (EntryPointNotFoundException) { }
            catch (DllNotFoundException) { }
        }
        var probe = Path.Combine(folder, $".write-test-{Environment.ProcessId}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw NotWritable(folder, what, ex);
        }
    }

    /// <summary>The one wording for an output location the tool may not write to.</summary>
    internal static UserErrorException NotWritable(string folder, string what, Exception ex) =>
        FileSystemErrors.IsDiskFull(ex)
            ? FileSystemErrors.DiskFull(folder, ex)
            : new UserErrorException(
                $"Cannot write to {what} '{folder}' ({ex.Message.TrimEnd('.')}): it is read-only or not yours. Make it writable, " +
                "or choose another output folder (--out, or 'output:' in the assessment file).", ex);

    /// <summary>
    /// Links into the staging folder every file and folder of the current output folder that the staging folder lacks
    /// and <paramref name="carryOver"/> accepts (by its path relative to the output folder; default: everything): the
    /// outputs this publication does not replace, the store, the partner files. Call it after the new outputs are
    /// staged and before the manifest is written, so the manifest can hash exactly what will be published.
    /// </summary>
    /// <exception cref="UserErrorException">The file system refused (full disk, permissions).</exception>
    public void CarryOver(Func<string, bool>? carryOver = null)
    {
        ObjectDisposedException.ThrowIf(committed, this);
        try
        {
            if (Directory.Exists(OutputFolder)) LinkTree(OutputFolder, StagingFolder, "", carryOver ?? (_ => true));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw NotWritable(Path.GetDirectoryName(OutputFolder)!, "the folder that holds the output folder", ex);
        }
    }

    /// <summary>
    /// Finishes the publication: the staging folder replaces the output folder in one step and the replaced folder is
    /// deleted. Stage the outputs, <see cref="CarryOver"/>, write the manifest (so it is the last file staged), then call this.
    /// </summary>
    /// <exception cref="UserErrorException">The file system refused the swap (permissions).</exception>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(committed, this);
        try { Swap(); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw NotWritable(Path.GetDirectoryName(OutputFolder)!, "the folder that holds the output folder", ex);
        }
        committed = true;
        // The replaced folder now sits at the staging path (exchange) or the previous path (two renames); it is no
        // longer anyone's output, so failing to delete it only costs disk space until the next Begin.
        foreach (var old in new[] { StagingFolder, PreviousFolder })
        {
            try { if (Directory.Exists(old)) Directory.Delete(old, recursive: true); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { /* removed by the next Begin */ }
        }
    }

    private static void LinkTree(string from, string to, string relative, Func<string, bool> carryOver)
    {
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var rel = relative.Length == 0 ? entry.Name : Path.Combine(relative, entry.Name);
            var target = Path.Combine(to, entry.Name);
            // Leftovers of the staging scheme before this one (a per-stage .staging folder) are never carried.
            if (relative.Length == 0 && entry.Name == ".staging") continue;
            if (!carryOver(rel)) continue;
            if (entry is DirectoryInfo dir && entry.LinkTarget is null)
            {
                Directory.CreateDirectory(target);
                LinkTree(dir.FullName, target, rel, carryOver);
            }
            else if (!File.Exists(target) && !Directory.Exists(target))
            {
                if (entry.LinkTarget is { } link) File.CreateSymbolicLink(target, link);
                else Link(entry.FullName, target);
            }
        }
    }

    // A hard link shares the file's content without copying it (a store of several GB carries over in microseconds) and
    // without letting the new folder change the old one: staged files are always new files, never rewritten in place.
    private static void Link(string existing, string target)
    {
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                if (Native.link(existing, target) == 0) return;
            }
            catch (EntryPointNotFoundException) { }
            catch (DllNotFoundException) { }
        }
        File.Copy(existing, target);
    }

    private void Swap()
    {
        if (!Directory.Exists(OutputFolder))
        {
            Directory.Move(StagingFolder, OutputFolder);
            return;
        }
        if (OperatingSystem.IsLinux())
        {
            try
            {
                if (Native.renameat2(Native.AtFdCwd, StagingFolder, Native.AtFdCwd, OutputFolder, Native.RenameExchange) == 0) return;
            }
            catch (EntryPointNotFoundException) { }
            catch (DllNotFoundException) { }
        }
        Directory.Move(OutputFolder, PreviousFolder);
        Directory.Move(StagingFolder, OutputFolder);
    }

    /// <summary>Removes the staging folder unless the publication was committed, so a failure leaves the output folder as it was.</summary>
    public void Dispose()
    {
        if (committed) return;
        committed = true;
        try { if (Directory.Exists(StagingFolder)) Directory.Delete(StagingFolder, recursive: true); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { /* removed by the next Begin */ }
    }

    private static class Native
    {
        public const int AtFdCwd = -100;
        public const uint RenameExchange = 2;
        public const int WriteOk = 2;

        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int access(string pathname, int mode);

        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int link(string oldpath, string newpath);

        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int renameat2(int olddirfd, string oldpath, int newdirfd, string newpath, uint flags);
    }
}
