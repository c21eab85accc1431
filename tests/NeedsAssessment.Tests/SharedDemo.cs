using System.Collections.Concurrent;
using NeedsAssessment.Pipeline;

namespace NeedsAssessment.Tests;

/// <summary>
/// One <see cref="Assessment.Demo"/> run per seed and length for the whole test session: several test classes look at
/// the same three-year county, and the demo is the slowest thing a fixture does. Classes that rerun a stage on the
/// shared store take <see cref="StageLock"/> so two reruns never write at once.
/// </summary>
internal static class SharedDemo
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "na-shared-demo-" + Guid.NewGuid().ToString("N"));
    private static readonly ConcurrentDictionary<(int Seed, int Years), Lazy<DemoRun>> Runs = new();

    /// <summary>Held while a fixture reruns a stage that writes to a shared demo store.</summary>
    public static readonly object StageLock = new();

    static SharedDemo() =>
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };

    /// <summary>The demo run for <paramref name="seed"/> and <paramref name="years"/>, made on first use.</summary>
    public static DemoRun Get(int seed, int years) =>
        Runs.GetOrAdd((seed, years), k => new Lazy<DemoRun>(
            () => Assessment.Demo(Path.Combine(Root, $"seed{k.Seed}-years{k.Years}"), seed: k.Seed, years: k.Years),
            LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}
