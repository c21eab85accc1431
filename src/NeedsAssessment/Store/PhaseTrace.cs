using System.Diagnostics;

namespace NeedsAssessment.Store;

/// <summary>
/// With NEEDS_ASSESSMENT_TRACE=1, prints how long each phase of a stage took and the process's peak working set,
/// to standard error. For tuning against the benchmarks; silent otherwise.
/// </summary>
internal static class PhaseTrace
{
    /// <summary>True under NEEDS_ASSESSMENT_TRACE=1: work that would overlap runs one step at a time, so each step's CPU seconds are its own.</summary>
    internal static readonly bool Enabled = Environment.GetEnvironmentVariable("NEEDS_ASSESSMENT_TRACE") == "1";
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private static TimeSpan _cpu;

    /// <summary>Prints the time since the previous mark under <paramref name="what"/> and restarts the clock.</summary>
    public static void Mark(string what)
    {
        if (!Enabled) return;
        using var process = Process.GetCurrentProcess();
        // CPU time beside wall time: on a shared machine the wall clock says little, the CPU seconds still compare.
        var cpu = process.TotalProcessorTime;
        Console.Error.WriteLine($"[trace] {what}: {Clock.Elapsed.TotalSeconds:F2}s, cpu {(cpu - _cpu).TotalSeconds:F2}s (peak {process.PeakWorkingSet64 / 1_000_000} MB)");
        _cpu = cpu;
        Clock.Restart();
    }

    /// <summary>
    /// Restarts the clock without printing, at a stage's start: its first mark then counts from there, not from the
    /// previous mark, which may be several stages back (a stage without marks of its own, such as the model stage, ran
    /// in between, and its time showed as the next stage's "start").
    /// </summary>
    public static void Restart()
    {
        if (!Enabled) return;
        _cpu = CpuNow();
        Clock.Restart();
    }

    /// <summary>The process's CPU time so far (every thread, DuckDB's included).</summary>
    public static TimeSpan CpuNow()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>Prints a whole step's wall and CPU time (a stage, across its own marks).</summary>
    public static void Total(string what, TimeSpan wall, TimeSpan cpu)
    {
        if (Enabled) Console.Error.WriteLine($"[trace] == {what}: {wall.TotalSeconds:F2}s, cpu {cpu.TotalSeconds:F2}s");
    }
}
