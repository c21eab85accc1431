namespace NeedsAssessment.Notebooks;

/// <summary>
/// Where a notebook writes its demo data and stores: a folder per notebook under the system temporary folder, so the
/// repository stays clean. Set <see cref="RootVariable"/> to put them elsewhere (the notebook tests give each test run
/// its own root, so runs by different people on one machine cannot overwrite each other's stores).
/// </summary>
public static class NotebookFolders
{
    /// <summary>Environment variable naming the root folder; unset means <c>{temp}/needs-assessment-notebooks</c>.</summary>
    public const string RootVariable = "NEEDS_ASSESSMENT_NOTEBOOK_DIR";

    /// <summary>The root folder under which each notebook gets its own folder.</summary>
    public static string Root =>
        Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } root
            ? Path.GetFullPath(root)
            : Path.Combine(Path.GetTempPath(), "needs-assessment-notebooks");

    /// <summary>The folder for one notebook (not created; the demo and the store create what they need).</summary>
    /// <param name="notebook">A short name, e.g. <c>01-quickstart</c>.</param>
    public static string For(string notebook)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(notebook);
        if (notebook.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || notebook.Contains("..", StringComparison.Ordinal))
            throw new ArgumentException($"'{notebook}' is not a plain folder name.", nameof(notebook));
        return Path.Combine(Root, notebook);
    }
}
