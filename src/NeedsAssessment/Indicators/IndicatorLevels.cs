namespace NeedsAssessment.Indicators;

/// <summary>Geography levels of the output, from the <c>geography</c> table's hierarchy (finest first).</summary>
public static class IndicatorLevels
{
    /// <summary>Lower-layer super output area 2021.</summary>
    public const string Lsoa = "lsoa";

    /// <summary>Electoral ward.</summary>
    public const string Ward = "ward";

    /// <summary>Local authority district.</summary>
    public const string District = "district";

    /// <summary>Community safety hub.</summary>
    public const string Hub = "hub";

    /// <summary>The whole community safety partnership.</summary>
    public const string Partnership = "partnership";

    /// <summary>Every level, finest first; the order used to find parents for secondary suppression.</summary>
    public static IReadOnlyList<string> All { get; } = [Lsoa, Ward, District, Hub, Partnership];

    /// <summary>Levels computed when <see cref="IndicatorOptions.Levels"/> is not given.</summary>
    public static IReadOnlyList<string> Default { get; } = [Lsoa, Ward, District, Partnership];

    /// <summary>Code and name columns of <c>geography</c> for a level.</summary>
    internal static (string Code, string Name) Columns(string level) => level switch
    {
        Lsoa => ("lsoa21_code", "lsoa21_name"),
        Ward => ("ward_code", "ward_name"),
        District => ("district_code", "district_name"),
        Hub => ("hub_code", "hub_name"),
        Partnership => ("partnership_code", "partnership_name"),
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, $"level must be one of {string.Join(", ", All)} but was '{level}'."),
    };
}
