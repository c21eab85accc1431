namespace NeedsAssessment.Classify;

/// <summary>
/// The serious violence categories every source's codes are mapped to (the <c>sv_category</c> column of the
/// reference files in <c>data-schemas/reference/</c>). A definition chooses which of them count.
/// </summary>
public static class SeriousViolenceCategories
{
    /// <summary>Homicide, violence with and without injury, stalking, harassment and coercive control.</summary>
    public const string ViolenceAgainstThePerson = "violence_against_the_person";

    /// <summary>Rape and other sexual offences.</summary>
    public const string SexualViolence = "sexual_violence";

    /// <summary>Robbery of business or personal property.</summary>
    public const string Robbery = "robbery";

    /// <summary>Possession of weapons offences.</summary>
    public const string Weapons = "weapons";

    /// <summary>Threats to kill, threats to damage property, affray and fear of violence.</summary>
    public const string ThreatsOfViolence = "threats_of_violence";

    /// <summary>Arson, criminal damage and aggravated burglary: the Duty counts violence against property.</summary>
    public const string ViolenceAgainstProperty = "violence_against_property";

    /// <summary>Recorded crime that is not violence (theft, drugs, ordinary burglary).</summary>
    public const string NotSeriousViolence = "not_serious_violence";

    /// <summary>Terrorism: the Duty excludes it (Police, Crime, Sentencing and Courts Act 2022 s13), so no definition may include it.</summary>
    public const string Terrorism = "terrorism";

    /// <summary>Every category, in reporting order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ViolenceAgainstThePerson, SexualViolence, Robbery, Weapons, ThreatsOfViolence, ViolenceAgainstProperty,
        NotSeriousViolence, Terrorism,
    ];
}
