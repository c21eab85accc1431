namespace NeedsAssessment.Indicators;

/// <summary>
/// Population bands a rate can be divided by. From <c>population_syoa</c> (ONS single year of age and sex) they
/// are exact; from the census six-group <c>population</c> table they are approximated, assuming single years of age
/// are evenly spread within a group: aged 10-24 = 16-24 + 6/16 of 0-15; aged 10-17 = 6/16 of 0-15 + 2/9 of 16-24;
/// female = all ages × <see cref="IndicatorOptions.CensusFemaleShare"/> (the census table has no sex).
/// </summary>
public static class PopulationBands
{
    /// <summary>All residents.</summary>
    public const string AllAges = "all_ages";

    /// <summary>Residents aged 10 to 24 (the Duty's focus on young people).</summary>
    public const string Aged10To24 = "aged_10_24";

    /// <summary>Residents aged 10 to 17 (youth justice age).</summary>
    public const string Aged10To17 = "aged_10_17";

    /// <summary>Female residents of all ages (women and girls).</summary>
    public const string Female = "female";

    /// <summary>Male residents of all ages.</summary>
    public const string Male = "male";

    /// <summary>
    /// Census 2021 workday population (everyone working in the area plus residents who do not work), an optional
    /// second denominator from <c>population_workday</c>; not a band of residents.
    /// </summary>
    public const string Workday = "workday";

    /// <summary>Every band name a catalogue's <c>denominator.population</c> may take.</summary>
    public static IReadOnlyList<string> All { get; } = [AllAges, Aged10To24, Aged10To17, Female, Male, Workday];

    /// <summary>The bands of residents (every band but <see cref="Workday"/>), read from the residents file.</summary>
    public static IReadOnlyList<string> Residents { get; } = [AllAges, Aged10To24, Aged10To17, Female, Male];
}
