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

    /// <summary>
    /// Prints a whole step's wall and CPU time (a stage, across its own marks), with the process's running totals of
    /// garbage collections, their pauses, managed allocation and JIT compilation: on a short run these are a fair share
    /// of the CPU seconds (on the real example about a second of JIT for some 6,500 methods that precompiled images
    /// cannot hold, generic code over value types, and about 0.3 s of collection pauses), and no stage's own marks show them.
    /// </summary>
    public static void Total(string what, TimeSpan wall, TimeSpan cpu)
    {
        if (!Enabled) return;
        Console.Error.WriteLine(
            $"[trace] == {what}: {wall.TotalSeconds:F2}s, cpu {cpu.TotalSeconds:F2}s " +
            $"(so far: GCs gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, paused {GC.GetTotalPauseDuration().TotalSeconds:F2}s, " +
            $"allocated {GC.GetTotalAllocatedBytes() / 1_000_000} MB; JIT {System.Runtime.JitInfo.GetCompiledMethodCount():N0} methods in {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:F2}s)");
    }
}
