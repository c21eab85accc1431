namespace NeedsAssessment.Classify;

/// <summary>
/// The sources classification reads, named by their canonical store table. A definition lists which count.
/// </summary>
public static class ClassificationSources
{
    /// <summary>Police recorded crime extract with Home Office offence codes (exact severity).</summary>
    public const string PoliceRecordedCrime = "police_recorded_crime";

    /// <summary>data.police.uk street-level crime: crime types only, so severity is a range.</summary>
    public const string PoliceStreet = "police_street";

    /// <summary>Emergency department assault attendances (ISTV / ECDS).</summary>
    public const string HealthEdAssault = "health_ed_assault";

    /// <summary>Hospital admissions for assault (ICD-10 X85-Y09).</summary>
    public const string HealthAdmission = "health_admission";

    /// <summary>Ambulance assault call-outs.</summary>
    public const string AmbulanceAssault = "ambulance_assault";

    /// <summary>Every source, in reporting order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [PoliceRecordedCrime, PoliceStreet, HealthEdAssault, HealthAdmission, AmbulanceAssault];
}
