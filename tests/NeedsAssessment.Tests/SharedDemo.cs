using System.Collections.Concurrent;
using NeedsAssessment.Pipeline;
using NeedsAssessment.Synthetic;

namespace NeedsAssessment.Tests;

/// <summary>
/// One <see cref="Assessment.Demo"/> run per seed and length for the whole test session: several test classes look at
/// the same three-year county, and the demo is the slowest thing a fixture does. Classes that rerun a stage on the
/// shared store take <see cref="StageLock"/> so two reruns never write at once; classes that need a store of their own
/// take <see cref="CopyStore"/>, a copy of the store exactly as the demo left it.
/// </summary>
internal static class SharedDemo
{
    private static readonly string Root = SessionFolder.Create("na-shared-demo-");
    private static readonly ConcurrentDictionary<(int Seed, int Years), Lazy<DemoRun>> Runs = new();

    private static readonly ConcurrentDictionary<(int Seed, int Years), Lazy<SyntheticResult>> Counties = new();

    /// <summary>
    /// The synthetic county's partner files for <paramref name="seed"/> and <paramref name="years"/>, generated once for
    /// the session (the pipeline tests and the ingest checks of the generated files read the same one-year county). Read
    /// them, never change them: copy first.
    /// </summary>
    public static SyntheticResult County(int seed, int years) =>
        Counties.GetOrAdd((seed, years), k => new Lazy<SyntheticResult>(
            () => SyntheticCounty.Generate(new SyntheticOptions(Path.Combine(Root, $"county-seed{k.Seed}-years{k.Years}")) { Seed = k.Seed, Years = k.Years }),
            LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>Held while a fixture reruns a stage that writes to a shared demo store.</summary>
    public static readonly object StageLock = new();

    /// <summary>The demo run for <paramref name="seed"/> and <paramref name="years"/>, made on first use.</summary>
    public static DemoRun Get(int seed, int years) =>
        Runs.GetOrAdd((seed, years), k => new Lazy<DemoRun>(() =>
        {
            var run = Assessment.Demo(Path.Combine(Root, $"seed{k.Seed}-years{k.Years}"), seed: k.Seed, years: k.Years);
            // Fixtures rerun stages on the shared store (with their own options); copies are taken from this one, untouched.
            CopyFile(run.StorePath, PristinePath(k.Seed, k.Years));
            return run;
        }, LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>
    /// Copies the store of the demo for <paramref name="seed"/> and <paramref name="years"/>, as the demo run left it
    /// (before any fixture reran a stage on the shared one), to <paramref name="path"/>; returns <paramref name="path"/>.
    /// </summary>
    public static string CopyStore(int seed, int years, string path)
    {
        Get(seed, years);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        CopyFile(PristinePath(seed, years), path);
        return path;
    }

    private static string PristinePath(int seed, int years) => Path.Combine(Root, $"seed{seed}-years{years}.pristine", AssessmentRunner.StoreFileName);

    private static void CopyFile(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to);
        if (File.Exists(from + ".wal")) File.Copy(from + ".wal", to + ".wal");
    }
}
