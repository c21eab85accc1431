using System.Collections.Concurrent;
using NeedsAssessment.Pipeline;

namespace NeedsAssessment.Notebooks;

/// <summary>
/// The synthetic demo county the notebooks explore: <see cref="Assessment.Demo"/> run once per process for a seed and
/// length, into a folder of <see cref="NotebookFolders"/>, and then shared. Rerunning a notebook's first cells, or
/// opening the next notebook in the same kernel, reads the same run instead of spending another half minute making it.
/// The notebooks only read the run (its store opens read-only), so sharing it changes nothing they show.
/// </summary>
public static class NotebookDemo
{
    private static readonly ConcurrentDictionary<(string Folder, int Seed, int Years), Lazy<DemoRun>> Runs = new();

    /// <summary>
    /// The demo run for <paramref name="seed"/> and <paramref name="years"/>, made on first use in this process (and
    /// made again if its folder has since been deleted).
    /// </summary>
    /// <param name="years">Years of events ending March 2025.</param>
    /// <param name="seed">Random seed; the same seed gives byte-identical files and outputs.</param>
    public static DemoRun Get(int years = 2, int seed = 42)
    {
        var key = (NotebookFolders.For($"demo-seed{seed}-years{years}"), seed, years);
        while (true)
        {
            var run = Runs.GetOrAdd(key, k => new Lazy<DemoRun>(
                () => Assessment.Demo(outputFolder: k.Folder, seed: k.Seed, years: k.Years),
                LazyThreadSafetyMode.ExecutionAndPublication));
            DemoRun made;
            try { made = run.Value; }
            catch
            {
                // A failed run is not kept: the next call tries again.
                Runs.TryRemove(KeyValuePair.Create(key, run));
                throw;
            }
            if (File.Exists(made.StorePath) && File.Exists(made.Run.ManifestPath)) return made;
            Runs.TryRemove(KeyValuePair.Create(key, run));
        }
    }
}
