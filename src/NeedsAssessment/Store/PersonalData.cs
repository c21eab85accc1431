namespace NeedsAssessment.Store;

/// <summary>
/// How identifying a column is, as marked in its dataset schema. Drives what is stored and what may be published.
/// </summary>
public enum PersonalData
{
    /// <summary>Not personal data.</summary>
    None,

    /// <summary>Identifies nobody alone but could in combination (age band, sex, pseudonymised id, precise location): stored, never published at record level.</summary>
    QuasiIdentifier,

    /// <summary>Identifies a person or case directly (name, NHS number, crime reference): never stored.</summary>
    DirectIdentifier,
}
