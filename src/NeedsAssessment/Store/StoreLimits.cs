using System.Globalization;

namespace NeedsAssessment.Store;

/// <summary>
/// How much memory DuckDB may use and where it spills what does not fit. Set from the assessment file's
/// <c>store:</c> section; when absent, half of the memory this process may use and DuckDB's own spill folder
/// beside the store file (<c>&lt;store&gt;.tmp</c>).
/// </summary>
/// <remarks>
/// DuckDB's own default is 80% of physical memory, which on a shared or small machine starves everything else and,
/// when several large operators run at once, fails instead of spilling. A limit set lower makes joins, sorts and
/// aggregations spill to <see cref="TempDirectory"/> before the machine runs out.
/// </remarks>
/// <param name="MemoryLimit">A DuckDB size such as <c>2GB</c> or <c>1500MB</c>; null for the default share.</param>
/// <param name="TempDirectory">Spill folder (absolute); null for DuckDB's default beside the store file.</param>
public sealed record StoreLimits(string? MemoryLimit = null, string? TempDirectory = null)
{
    /// <summary>The default: half the memory available to this process, DuckDB's spill folder.</summary>
    public static StoreLimits Default { get; } = new();

    /// <summary>The memory limit applied: the configured one, or half the memory available to this process.</summary>
    public string EffectiveMemoryLimit => MemoryLimit ?? DefaultMemoryLimit();

    /// <summary>Half of the memory this process may use (the container's limit when there is one), in whole MB.</summary>
    public static string DefaultMemoryLimit()
    {
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var mb = Math.Max(256, available / 2 / (1024 * 1024));
        return mb.ToString(CultureInfo.InvariantCulture) + "MB";
    }

    /// <summary>
    /// Checks a size as DuckDB reads it: a number and a unit (KB, MB, GB, TB, KiB, MiB, GiB, TiB), or a percentage of
    /// the machine's memory such as <c>50%</c>. Returns the size normalised for DuckDB, or null when it is not one.
    /// </summary>
    public static string? ParseSize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim().Replace(" ", "", StringComparison.Ordinal);
        if (t.EndsWith('%'))
        {
            return double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var pct) && pct is > 0 and <= 100
                ? ((long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * pct / 100 / (1024 * 1024))).ToString(CultureInfo.InvariantCulture) + "MB"
                : null;
        }
        var i = 0;
        while (i < t.Length && (char.IsDigit(t[i]) || t[i] == '.')) i++;
        if (i == 0 || !double.TryParse(t[..i], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n <= 0) return null;
        var unit = t[i..].ToUpperInvariant();
        return unit is "KB" or "MB" or "GB" or "TB" or "KIB" or "MIB" or "GIB" or "TIB"
            ? t[..i] + unit.Replace("I", "i", StringComparison.Ordinal)
            : null;
    }
}
