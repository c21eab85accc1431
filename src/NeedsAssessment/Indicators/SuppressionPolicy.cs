namespace NeedsAssessment.Indicators;

/// <summary>
/// Small-number publication rule applied by <see cref="IndicatorExport"/>. Counts from <see cref="HideFrom"/> to
/// <see cref="HideTo"/> (inclusive) are hidden (primary suppression); with <see cref="Secondary"/>, further cells are
/// hidden so that no hidden count can be found by subtracting visible counts from a total in the same output
/// (see <see cref="IndicatorExport"/> for the rule). Zero is never primary-suppressed: it discloses no individual.
/// </summary>
public sealed record SuppressionPolicy
{
    /// <summary>Name recorded in the export's parameters (nhs, fingertips, none or custom).</summary>
    public required string Name { get; init; }

    /// <summary>Smallest count hidden (>= 1), or 0 with <see cref="HideTo"/> 0 to hide none.</summary>
    public long HideFrom { get; init; }

    /// <summary>Largest count hidden.</summary>
    public long HideTo { get; init; }

    /// <summary>DSRs whose total count is below this are not given (Fingertips: 10); 0 = no extra rule.</summary>
    public long DsrMinimumCount { get; init; }

    /// <summary>Apply secondary suppression (default true).</summary>
    public bool Secondary { get; init; } = true;

    /// <summary>NHS (HES, ECDS) sub-national rule: counts 1-7 hidden.</summary>
    public static SuppressionPolicy Nhs { get; } = new() { Name = "nhs", HideFrom = 1, HideTo = 7 };

    /// <summary>Fingertips rule for violence admissions: counts 1-5 hidden, no DSR below a count of 10.</summary>
    public static SuppressionPolicy Fingertips { get; } = new() { Name = "fingertips", HideFrom = 1, HideTo = 5, DsrMinimumCount = 10 };

    /// <summary>No suppression: for analysts inside the partnership, never for publication.</summary>
    public static SuppressionPolicy None { get; } = new() { Name = "none", Secondary = false };

    /// <summary>A custom rule.</summary>
    /// <param name="hideFrom">Smallest count hidden (>= 1).</param>
    /// <param name="hideTo">Largest count hidden (>= hideFrom).</param>
    /// <param name="dsrMinimumCount">DSRs below this total count are not given.</param>
    /// <param name="secondary">Apply secondary suppression.</param>
    public static SuppressionPolicy Custom(long hideFrom, long hideTo, long dsrMinimumCount = 10, bool secondary = true)
    {
        if (hideFrom < 1) throw new ArgumentOutOfRangeException(nameof(hideFrom), hideFrom, $"hideFrom must be >= 1 (zero discloses no one) but was {hideFrom}.");
        if (hideTo < hideFrom) throw new ArgumentOutOfRangeException(nameof(hideTo), hideTo, $"hideTo must be >= hideFrom ({hideFrom}) but was {hideTo}.");
        if (dsrMinimumCount < 0) throw new ArgumentOutOfRangeException(nameof(dsrMinimumCount), dsrMinimumCount, $"dsrMinimumCount must be >= 0 but was {dsrMinimumCount}.");
        return new SuppressionPolicy { Name = "custom", HideFrom = hideFrom, HideTo = hideTo, DsrMinimumCount = dsrMinimumCount, Secondary = secondary };
    }

    /// <summary>The preset with that name: nhs, fingertips or none.</summary>
    /// <exception cref="UserErrorException">Unknown name.</exception>
    public static SuppressionPolicy FromName(string name) => name.Trim().ToLowerInvariant() switch
    {
        "nhs" => Nhs,
        "fingertips" => Fingertips,
        "none" => None,
        _ => throw new UserErrorException($"Suppression policy '{name}' is not known. Use nhs (1-7 hidden), fingertips (1-5 hidden, no DSR below 10), none, or SuppressionPolicy.Custom(from, to)."),
    };

    /// <summary>True when the policy hides this count.</summary>
    public bool Hides(double count) => HideTo > 0 && count >= HideFrom && count <= HideTo;
}
