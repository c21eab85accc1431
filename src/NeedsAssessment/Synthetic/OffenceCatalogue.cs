namespace NeedsAssessment.Synthetic;

/// <summary>Offence families of the generative model (each is a separate Poisson process per area and month).</summary>
internal enum Family
{
    Homicide, ViolenceWithInjury, ViolenceWithoutInjury, StalkingHarassment, Sexual, Robbery, Weapons,
    CriminalDamageArson, Burglary, Shoplifting, OtherTheft, TheftFromPerson, Bicycle, Vehicle, Drugs,
    PublicOrder, OtherCrime, AntiSocialBehaviour,
}

/// <summary>Who the victim is likely to be; selects age and sex distributions.</summary>
internal enum VictimProfile { General, Sexual, Robbery, Property, Business, None }

/// <summary>Time-of-day profile.</summary>
internal enum HourProfile { Evening, Daytime, Night }

/// <summary>One Home Office offence within a family.</summary>
internal sealed record Offence(
    string Code, string Description, double Share, double DaProbability,
    double Knife, double Firearm, double OtherWeapon, VictimProfile Victim, string Location);

/// <summary>A family's rate and behaviour.</summary>
internal sealed record FamilySpec(
    Family Family, string Name, string CrimeType, double RatePerThousandPerYear, bool NightTimeEconomy,
    double HotspotPerMonth, HourProfile Hours, Offence[] Offences)
{
    public double[] Cumulative { get; } = Cum(Offences.Select(o => o.Share));

    internal static double[] Cum(IEnumerable<double> weights)
    {
        var w = weights.ToArray();
        var c = new double[w.Length];
        double s = 0, total = w.Sum();
        for (var i = 0; i < w.Length; i++) { s += w[i] / total; c[i] = s; }
        c[^1] = 1.0;
        return c;
    }
}

/// <summary>
/// The offence mix. Rates are county-average recorded crime per 1,000 residents per year, roughly those of a
/// shire force (about 75 a year including anti-social behaviour); shares within a family follow the national mix.
/// </summary>
internal static class OffenceCatalogue
{
    private const string Vso = "Violence and sexual offences";

    // Location codes: "d" dwelling, "p" public place, "o" other, "v" violence default mix.
    public static readonly FamilySpec[] Families =
    [
        new(Family.Homicide, "homicide", Vso, 0.012, false, 0, HourProfile.Evening,
        [
            new("1", "Murder", 0.75, 0.3, 0.4, 0.05, 0.3, VictimProfile.General, "v"),
            new("4.1", "Manslaughter", 0.25, 0.2, 0.1, 0.0, 0.4, VictimProfile.General, "v"),
        ]),
        new(Family.ViolenceWithInjury, "violence_with_injury", Vso, 7.5, true, 10, HourProfile.Evening,
        [
            new("8N", "Assault with injury", 0.86, 1, 0.04, 0.001, 0.08, VictimProfile.General, "v"),
            new("5D", "Wounding with intent to do grievous bodily harm", 0.05, 1, 0.35, 0.02, 0.25, VictimProfile.General, "v"),
            new("8S", "Assault with injury on a constable", 0.04, 0, 0.01, 0, 0.05, VictimProfile.General, "p"),
            new("8P", "Racially or religiously aggravated assault with injury", 0.03, 0, 0.03, 0, 0.05, VictimProfile.General, "p"),
            new("2", "Attempted murder", 0.004, 1, 0.5, 0.05, 0.2, VictimProfile.General, "v"),
            new("5E", "Endangering life", 0.016, 1, 0, 0, 0.3, VictimProfile.General, "v"),
        ]),
        new(Family.ViolenceWithoutInjury, "violence_without_injury", Vso, 11, true, 10, HourProfile.Evening,
        [
            new("105A", "Assault without injury", 0.805, 0.25, 0, 0, 0.02, VictimProfile.General, "v"),
            new("105B", "Racially or religiously aggravated assault without injury", 0.03, 0, 0, 0, 0.01, VictimProfile.General, "p"),
            new("104", "Assault without injury on a constable", 0.07, 0, 0, 0, 0.02, VictimProfile.General, "p"),
            new("3B", "Threats to kill", 0.05, 0.4, 0.10, 0.005, 0.05, VictimProfile.General, "v"),
            new("11A", "Cruelty to children/young persons", 0.03, 0.5, 0, 0, 0, VictimProfile.General, "d"),
            new("36", "Kidnapping", 0.01, 0.3, 0.05, 0, 0.05, VictimProfile.General, "v"),
            new("13", "Child abduction", 0.005, 0.3, 0, 0, 0, VictimProfile.General, "v"),
        ]),
        new(Family.StalkingHarassment, "stalking_harassment", Vso, 7, false, 0, HourProfile.Daytime,
        [
            new("8L", "Harassment", 0.40, 0.25, 0, 0, 0, VictimProfile.General, "d"),
            new("8R", "Malicious communications", 0.33, 0.15, 0, 0, 0, VictimProfile.General, "d"),
            new("8Q", "Stalking", 0.12, 0.4, 0, 0, 0, VictimProfile.General, "d"),
            new("8U", "Controlling or coercive behaviour", 0.15, 1.0, 0, 0, 0, VictimProfile.General, "d"),
        ]),
        new(Family.Sexual, "sexual", Vso, 2.4, false, 0, HourProfile.Evening,
        [
            new("20A", "Sexual assault on a female aged 13 and over", 0.40, 0.1, 0, 0, 0, VictimProfile.Sexual, "v"),
            new("17A", "Sexual assault on a male aged 13 and over", 0.05, 0.05, 0, 0, 0, VictimProfile.Sexual, "v"),
            new("19C", "Rape of a female aged 16 and over", 0.28, 0.35, 0.01, 0, 0.02, VictimProfile.Sexual, "d"),
            new("19D", "Rape of a female child under 16", 0.08, 0.1, 0, 0, 0, VictimProfile.Sexual, "d"),
            new("19F", "Rape of a male aged 16 and over", 0.03, 0.2, 0, 0, 0, VictimProfile.Sexual, "d"),
            new("20B", "Sexual assault on a female child under 13", 0.06, 0.1, 0, 0, 0, VictimProfile.Sexual, "d"),
            new("22B", "Sexual activity involving a child under 16", 0.06, 0, 0, 0, 0, VictimProfile.Sexual, "d"),
            new("88A", "Sexual grooming", 0.04, 0, 0, 0, 0, VictimProfile.Sexual, "o"),
        ]),
        new(Family.Robbery, "robbery", "Robbery", 0.5, false, 2, HourProfile.Evening,
        [
            new("34B", "Robbery of personal property", 0.88, 0, 0.15, 0.01, 0.06, VictimProfile.Robbery, "p"),
            new("34A", "Robbery of business property", 0.12, 0, 0.20, 0.03, 0.10, VictimProfile.Business, "o"),
        ]),
        new(Family.Weapons, "weapons", "Possession of weapons", 0.7, false, 1.5, HourProfile.Evening,
        [
            new("10D", "Possession of article with blade or point", 0.50, 0, 1, 0, 0, VictimProfile.None, "p"),
            new("10C", "Possession of other weapons", 0.38, 0, 0, 0, 1, VictimProfile.None, "p"),
            new("10B", "Possession of firearms offences", 0.10, 0, 0, 1, 0, VictimProfile.None, "o"),
            new("10A", "Possession of firearms with intent", 0.02, 0, 0, 1, 0, VictimProfile.None, "p"),
        ]),
        new(Family.CriminalDamageArson, "criminal_damage_arson", "Criminal damage and arson", 6, false, 0, HourProfile.Night,
        [
            new("58A", "Criminal damage to a dwelling", 0.30, 0.15, 0, 0, 0, VictimProfile.Property, "d"),
            new("58B", "Criminal damage to a building other than a dwelling", 0.15, 0, 0, 0, 0, VictimProfile.Business, "o"),
            new("58C", "Criminal damage to a vehicle", 0.33, 0.05, 0, 0, 0, VictimProfile.Property, "p"),
            new("58D", "Other criminal damage", 0.12, 0.05, 0, 0, 0, VictimProfile.Property, "p"),
            new("56A", "Arson endangering life", 0.015, 0.2, 0, 0, 0, VictimProfile.Property, "d"),
            new("56B", "Arson not endangering life", 0.06, 0, 0, 0, 0, VictimProfile.Property, "p"),
            new("58J", "Racially or religiously aggravated criminal damage", 0.005, 0, 0, 0, 0, VictimProfile.Property, "d"),
            new("59", "Threat or possession with intent to commit criminal damage", 0.02, 0.2, 0, 0, 0, VictimProfile.Property, "d"),
        ]),
        new(Family.Burglary, "burglary", "Burglary", 3.5, false, 0, HourProfile.Night,
        [
            new("28E", "Burglary - residential (home)", 0.58, 0, 0, 0, 0, VictimProfile.Property, "d"),
            new("28F", "Burglary - residential (unconnected building)", 0.07, 0, 0, 0, 0, VictimProfile.Property, "d"),
            new("30C", "Burglary - business and community", 0.33, 0, 0, 0, 0, VictimProfile.Business, "o"),
            new("29", "Aggravated burglary in a dwelling", 0.01, 0, 0.2, 0.05, 0.3, VictimProfile.Property, "d"),
            new("31", "Aggravated burglary in a building other than a dwelling", 0.01, 0, 0.1, 0.05, 0.3, VictimProfile.Business, "o"),
        ]),
        new(Family.Shoplifting, "shoplifting", "Shoplifting", 6, false, 0, HourProfile.Daytime,
            [new("46", "Shoplifting", 1, 0, 0, 0, 0, VictimProfile.Business, "o")]),
        new(Family.OtherTheft, "other_theft", "Other theft", 5, false, 0, HourProfile.Daytime,
        [
            new("49", "Other theft", 0.75, 0, 0, 0, 0, VictimProfile.Property, "o"),
            new("40", "Theft in a dwelling other than from an automatic machine or meter", 0.20, 0.05, 0, 0, 0, VictimProfile.Property, "d"),
            new("41", "Theft by an employee", 0.03, 0, 0, 0, 0, VictimProfile.Business, "o"),
            new("47", "Theft from an automatic machine or meter", 0.02, 0, 0, 0, 0, VictimProfile.Business, "o"),
        ]),
        new(Family.TheftFromPerson, "theft_from_person", "Theft from the person", 0.3, false, 0, HourProfile.Evening,
            [new("39", "Theft from the person", 1, 0, 0, 0, 0, VictimProfile.Robbery, "p")]),
        new(Family.Bicycle, "bicycle_theft", "Bicycle theft", 1.3, false, 0, HourProfile.Daytime,
            [new("44", "Theft or unauthorised taking of a pedal cycle", 1, 0, 0, 0, 0, VictimProfile.Property, "p")]),
        new(Family.Vehicle, "vehicle", "Vehicle crime", 2.8, false, 0, HourProfile.Night,
        [
            new("45", "Theft from a motor vehicle", 0.55, 0, 0, 0, 0, VictimProfile.Property, "p"),
            new("48", "Theft or unauthorised taking of a motor vehicle", 0.25, 0, 0, 0, 0, VictimProfile.Property, "p"),
            new("126", "Interfering with a motor vehicle", 0.15, 0, 0, 0, 0, VictimProfile.Property, "p"),
            new("37.2", "Aggravated vehicle taking", 0.05, 0, 0, 0, 0, VictimProfile.Property, "p"),
        ]),
        new(Family.Drugs, "drugs", "Drugs", 2.2, false, 3, HourProfile.Evening,
        [
            new("92A", "Trafficking in controlled drugs", 0.22, 0, 0, 0, 0, VictimProfile.None, "p"),
            new("92C", "Other drug offences", 0.03, 0, 0, 0, 0, VictimProfile.None, "o"),
            new("92D", "Possession of controlled drugs (cannabis)", 0.50, 0, 0, 0, 0, VictimProfile.None, "p"),
            new("92E", "Possession of controlled drugs (excluding cannabis)", 0.25, 0, 0, 0, 0, VictimProfile.None, "p"),
        ]),
        new(Family.PublicOrder, "public_order", "Public order", 4, true, 5, HourProfile.Evening,
        [
            new("9A", "Public fear, alarm or distress", 0.78, 0.05, 0, 0, 0, VictimProfile.General, "p"),
            new("9B", "Racially or religiously aggravated public fear, alarm or distress", 0.12, 0, 0, 0, 0, VictimProfile.General, "p"),
            new("62A", "Violent disorder", 0.03, 0, 0.05, 0, 0.2, VictimProfile.None, "p"),
            new("66", "Other offences against the State or public order", 0.07, 0, 0, 0, 0, VictimProfile.None, "o"),
        ]),
        new(Family.OtherCrime, "other_crime", "Other crime", 1.3, false, 0, HourProfile.Daytime,
        [
            new("33", "Going equipped for stealing", 0.15, 0, 0, 0, 0, VictimProfile.None, "p"),
            new("802", "Dangerous driving", 0.35, 0, 0, 0, 0, VictimProfile.None, "p"),
            new("86", "Obscene publications", 0.25, 0, 0, 0, 0, VictimProfile.None, "o"),
            new("99", "Other notifiable offences", 0.25, 0, 0, 0, 0, VictimProfile.None, "o"),
        ]),
        new(Family.AntiSocialBehaviour, "anti_social_behaviour", "Anti-social behaviour", 14, true, 18, HourProfile.Evening,
            [new("", "Anti-social behaviour", 1, 0, 0, 0, 0, VictimProfile.None, "p")]),
    ];

    /// <summary>Offence mix for domestic-abuse violence with injury (almost all ABH in the home).</summary>
    public static readonly Offence[] DomesticViolenceWithInjury =
    [
        new("8N", "Assault with injury", 0.95, 1, 0.045, 0.0005, 0.07, VictimProfile.General, "d"),
        new("5D", "Wounding with intent to do grievous bodily harm", 0.035, 1, 0.35, 0.01, 0.25, VictimProfile.General, "d"),
        new("5E", "Endangering life", 0.01, 1, 0, 0, 0.3, VictimProfile.General, "d"),
        new("2", "Attempted murder", 0.005, 1, 0.5, 0.02, 0.2, VictimProfile.General, "d"),
    ];

    public static readonly double[] DomesticViolenceWithInjuryCumulative = FamilySpec.Cum(DomesticViolenceWithInjury.Select(o => o.Share));

    public static FamilySpec Get(Family f) => Families[(int)f];

    public static bool IsViolence(Family f) => f <= Family.Weapons;
}
