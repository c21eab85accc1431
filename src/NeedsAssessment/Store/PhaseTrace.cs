using System.Diagnostics;

namespace NeedsAssessment.Store;

/// <summary>
/// With NEEDS_ASSESSMENT_TRACE=1, prints how long each phase of a stage took and the process's peak working set,
/// to standard error. For tuning against the benchmarks; silent otherwise.
/// </summary>
internal static class PhaseTrace
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("NEEDS_ASSESSMENT_TRACE") == "1";
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    /// <summary>Prints the time since the previous mark under <paramref name="what"/> and restarts the clock.</summary>
    public static void Mark(string what)
    {
        if (!Enabled) return;
        using var process = Process.GetCurrentProcess();
        Console.Error.WriteLine($"[trace] {what}: {Clock.Elapsed.TotalSeconds:F2}s (peak {process.PeakWorkingSet64 / 1_000_000} MB)");
        Clock.Restart();
    }
}
