namespace NeedsAssessment.Classify;

/// <summary>
/// Cohort qualifiers: boolean columns of <c>sv_events</c> a definition can restrict on (<c>restrict_to_any</c>)
/// or report (<c>flag</c>). A qualifier a source cannot supply is NULL there, and NULL never satisfies a restriction.
/// </summary>
public static class CohortQualifiers
{
    /// <summary>Officer-applied domestic abuse flag (police recorded crime only).</summary>
    public const string DomesticAbuse = "domestic_abuse";

    /// <summary>
    /// Violence against women and girls: any sexual violence, or a female victim of domestic abuse or of stalking,
    /// harassment or controlling behaviour (Home Office subgroup "Stalking and harassment"). Only the police extract
    /// can show domestic abuse or stalking, so for other sources it is true for sexual violence and NULL otherwise.
    /// </summary>
    public const string Vawg = "vawg";

    /// <summary>Any hate crime strand recorded (police recorded crime only).</summary>
    public const string Hate = "hate";

    /// <summary>A knife, sharp object, firearm or other weapon was involved.</summary>
    public const string WeaponEnabled = "weapon_enabled";

    /// <summary>Knife or sharp instrument (police flag, ED method, ICD-10 X99).</summary>
    public const string Knife = "knife";

    /// <summary>Firearm (police flag, ED method, ICD-10 X93-X95).</summary>
    public const string Firearm = "firearm";

    /// <summary>Victim aged under 25, from the source's age band.</summary>
    public const string VictimUnder25 = "victim_under25";

    /// <summary>Happened in a public place (police location type; ED street, public place or licensed premises).</summary>
    public const string PublicPlace = "public_place";

    /// <summary>Night-time economy (police venue flag; ED licensed premises).</summary>
    public const string NightTimeEconomy = "night_time_economy";

    /// <summary>Every qualifier.</summary>
    public static IReadOnlyList<string> All { get; } =
        [DomesticAbuse, Vawg, Hate, WeaponEnabled, Knife, Firearm, VictimUnder25, PublicPlace, NightTimeEconomy];
}
