using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeedsAssessment.Synthetic;

/// <summary>
/// The known truth behind a synthetic dataset: the generative model's parameters, the planted hotspots and
/// trends, and the realised counts, so analyses run on the dataset can be checked against what was put in.
/// </summary>
public sealed class SyntheticGroundTruth
{
    /// <summary>Seed the dataset was generated with.</summary>
    public int Seed { get; init; }

    /// <summary>Scale name (County or National).</summary>
    public string Scale { get; init; } = "";

    /// <summary>First month of events (YYYY-MM).</summary>
    public string StartMonth { get; init; } = "";

    /// <summary>Last month of events (YYYY-MM).</summary>
    public string EndMonth { get; init; } = "";

    /// <summary>Plain-language statement of the generative model.</summary>
    public string ModelDescription { get; init; } = "";

    /// <summary>Parameters of the area-level rate model.</summary>
    public SyntheticRateModel RateModel { get; init; } = new();

    /// <summary>Planted hotspots.</summary>
    public IReadOnlyList<PlantedHotspot> Hotspots { get; init; } = [];

    /// <summary>Districts with their true annual trend.</summary>
    public IReadOnlyList<DistrictTruth> Districts { get; init; } = [];

    /// <summary>Domestic abuse, weapon and linkage parameters.</summary>
    public SyntheticFlagModel Flags { get; init; } = new();

    /// <summary>Health and ambulance linkage parameters.</summary>
    public SyntheticHealthModel Health { get; init; } = new();

    /// <summary>Justice cohort rates.</summary>
    public SyntheticJusticeModel Justice { get; init; } = new();

    /// <summary>The planted rural/urban gap and the rural/urban rate ratio it gives (null in files written before it was planted).</summary>
    public SyntheticParityTruth? RuralUrban { get; set; }

    /// <summary>Chance that a domestic abuse incident repeats an earlier victim and suspect of its area (pseudonymised keys in the force extract).</summary>
    public double RepeatDomesticProbability { get; set; }

    /// <summary>The planted repeat victims and suspects and how many there are in the last 12 months (null in files written before it was planted).</summary>
    public SyntheticRepeatTruth? RepeatVictims { get; set; }

    /// <summary>The planted spiking offences (null in files written before they were planted).</summary>
    public SyntheticSpikingTruth? Spiking { get; set; }

    /// <summary>The planted hate-crime cluster (null in files written before it was planted).</summary>
    public SyntheticHateCluster? HateCluster { get; set; }

    /// <summary>Realised counts of generated records by name (e.g. police events by offence family).</summary>
    public IReadOnlyDictionary<string, long> RealisedCounts { get; init; } = new SortedDictionary<string, long>(StringComparer.Ordinal);

    /// <summary>Serialiser options used for the ground-truth file.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // The file is for people as well as code, so keep '+' and other ASCII punctuation readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads a ground-truth file written by the generator.</summary>
    /// <param name="path">Path of <c>ground-truth.json</c>.</param>
    public static SyntheticGroundTruth Load(string path) =>
        JsonSerializer.Deserialize<SyntheticGroundTruth>(File.ReadAllText(path), JsonOptions)
        ?? throw new InvalidDataException($"Empty ground truth file {path}");
}

/// <summary>Parameters of the expected monthly event rate per small area.</summary>
public sealed class SyntheticRateModel
{
    /// <summary>
    /// Events per 1,000 residents per year for each offence family in a least deprived (decile 10), non-town-centre
    /// area at the start of the series, averaged over the seasonal cycle.
    /// </summary>
    public IReadOnlyDictionary<string, double> BaseRatePerThousandPerYear { get; init; } = new SortedDictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Log rate ratio per IMD decile step towards more deprived: rate x exp(coef x (10 - decile)).</summary>
    public double DeprivationLogRatePerDecileStep { get; init; }

    /// <summary>Amplitude A of the season multiplier 1 + A cos(2 pi (month - peak) / 12).</summary>
    public double SeasonAmplitude { get; init; }

    /// <summary>Calendar month (1-12) of the seasonal peak.</summary>
    public int SeasonPeakMonth { get; init; }

    /// <summary>Rate multiplier for night-time-economy families in town-centre areas.</summary>
    public double NightTimeEconomyEffect { get; init; }

    /// <summary>Offence families the night-time-economy multiplier applies to.</summary>
    public IReadOnlyList<string> NightTimeEconomyFamilies { get; init; } = [];

    /// <summary>Small-area counts by area type.</summary>
    public IReadOnlyDictionary<string, int> AreasByType { get; init; } = new SortedDictionary<string, int>(StringComparer.Ordinal);
}

/// <summary>A planted hotspot: a circle with extra events during its active months.</summary>
/// <param name="Id">Identifier, e.g. H1.</param>
/// <param name="Kind">persistent, emerging or former.</param>
/// <param name="X">Centre easting (BNG metres).</param>
/// <param name="Y">Centre northing (BNG metres).</param>
/// <param name="RadiusMetres">Circle radius in metres.</param>
/// <param name="StartMonth">First active month (YYYY-MM).</param>
/// <param name="EndMonth">Last active month (YYYY-MM).</param>
/// <param name="ExtraEventsPerMonth">Expected extra police events per month (before season and trend), by offence family.</param>
/// <param name="DistrictCode">District containing the centre.</param>
public sealed record PlantedHotspot(
    string Id, string Kind, double X, double Y, double RadiusMetres, string StartMonth, string EndMonth,
    IReadOnlyDictionary<string, double> ExtraEventsPerMonth, string DistrictCode);

/// <summary>A district and its true trend.</summary>
/// <param name="Code">District code (Z07...).</param>
/// <param name="Name">District name.</param>
/// <param name="IsCity">Whether this is the city district.</param>
/// <param name="AnnualTrend">True annual growth of every event rate, e.g. 0.12 for +12% a year; 0 when flat.</param>
/// <param name="Population">Residents.</param>
/// <param name="Areas">Number of small areas.</param>
public sealed record DistrictTruth(string Code, string Name, bool IsCity, double AnnualTrend, long Population, int Areas);

/// <summary>Officer-applied flag model.</summary>
public sealed class SyntheticFlagModel
{
    /// <summary>Target share of violence with injury flagged as domestic abuse.</summary>
    public double TargetDomesticAbuseShareOfViolenceWithInjury { get; init; }

    /// <summary>
    /// Probability a violence-with-injury event outside the night-time economy and hotspots is domestic abuse,
    /// calibrated so the expected overall share equals the target.
    /// </summary>
    public double DomesticAbuseProbabilityOutsideNteAndHotspots { get; init; }

    /// <summary>Expected knife or sharp instrument share of violence with injury.</summary>
    public double ExpectedKnifeShareOfViolenceWithInjury { get; init; }

    /// <summary>Expected firearm share of violence with injury.</summary>
    public double ExpectedFirearmShareOfViolenceWithInjury { get; init; }

    /// <summary>Share of domestic abuse violence with injury in a dwelling.</summary>
    public double DomesticAbuseDwellingShare { get; init; }
}

/// <summary>Health and ambulance generation parameters.</summary>
public sealed class SyntheticHealthModel
{
    /// <summary>Probability that a police-recorded violence-with-injury victim attends an emergency department.</summary>
    public double EdAttendanceProbabilityPerPoliceViolenceWithInjury { get; init; }

    /// <summary>Share of ED assault attendances that also appear in police data (about one in four).</summary>
    public double EdShareAlsoInPolice { get; init; }

    /// <summary>Admission probability per ED attendance by assault method.</summary>
    public IReadOnlyDictionary<string, double> AdmissionProbabilityByMethod { get; init; } = new SortedDictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Probability an ED attendance arrives by ambulance, by assault method.</summary>
    public IReadOnlyDictionary<string, double> AmbulanceProbabilityByMethod { get; init; } = new SortedDictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Probability of an extra non-conveyed ambulance call per ED attendance not arriving by ambulance.</summary>
    public double NonConveyedCallProbability { get; init; }

    /// <summary>ED and ambulance records linked to police events match on LSOA and assault time to the minute.</summary>
    public string LinkageNote { get; init; } = "";
}

/// <summary>Justice cohort generation rates.</summary>
public sealed class SyntheticJusticeModel
{
    /// <summary>Youth first-time entrants per 100,000 aged 10-17 per year, by sex.</summary>
    public IReadOnlyDictionary<string, double> FirstTimeEntrantsPer100kPerYear { get; init; } = new SortedDictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Proven reoffending probability by cohort and age band.</summary>
    public IReadOnlyDictionary<string, double> ReoffendingRate { get; init; } = new SortedDictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Probation caseload as a share of adults, by sex.</summary>
    public IReadOnlyDictionary<string, double> ProbationCaseloadShare { get; init; } = new SortedDictionary<string, double>(StringComparer.Ordinal);
}

/// <summary>
/// The planted rural/urban gap: every rate in a rural area (the rural area type, written as Rural in rural-urban.csv) is
/// <see cref="RuralRateFactor"/> times what the area would have as urban. Deprivation, the night-time economy and hot
/// spots differ between the parts too, so the rate ratio to expect is the model's own: expected events over the last
/// 12 months in each part (areas' Poisson means plus hot spots) per resident.
/// </summary>
public sealed class SyntheticParityTruth
{
    /// <summary>Multiplier of every rural area's rate.</summary>
    public double RuralRateFactor { get; init; }

    /// <summary>The catalogue indicator whose offences the expectation is for (violence with injury).</summary>
    public string Measure { get; init; } = "";

    /// <summary>First month (YYYY-MM) of the window.</summary>
    public string FromMonth { get; init; } = "";

    /// <summary>Last month (YYYY-MM) of the window.</summary>
    public string ToMonth { get; init; } = "";

    /// <summary>Rural LSOAs.</summary>
    public int RuralLsoas { get; init; }

    /// <summary>Urban LSOAs.</summary>
    public int UrbanLsoas { get; init; }

    /// <summary>Residents of rural LSOAs.</summary>
    public double RuralResidents { get; init; }

    /// <summary>Residents of urban LSOAs.</summary>
    public double UrbanResidents { get; init; }

    /// <summary>Expected police events of the measure in rural LSOAs over the window.</summary>
    public double ExpectedRuralCount { get; init; }

    /// <summary>Expected police events of the measure in urban LSOAs over the window.</summary>
    public double ExpectedUrbanCount { get; init; }

    /// <summary>Expected rural rate over urban rate.</summary>
    public double ExpectedRateRatio { get; init; }
}

/// <summary>
/// The planted hate-crime cluster: ordinary non-domestic violence and public order carry a non-racial hate strand
/// (sexual orientation, disability, religion, transgender) with <see cref="BaseProbability"/>, and with
/// <see cref="Multiplier"/> times that in one district, so that district's share of such offences with a non-racial
/// strand is <see cref="Multiplier"/> times the rest's.
/// </summary>
public sealed class SyntheticHateCluster
{
    /// <summary>District code.</summary>
    public string DistrictCode { get; init; } = "";

    /// <summary>District name.</summary>
    public string DistrictName { get; init; } = "";

    /// <summary>Chance outside the cluster.</summary>
    public double BaseProbability { get; init; }

    /// <summary>How many times higher the chance is in the cluster.</summary>
    public double Multiplier { get; init; }

    /// <summary>The strand whose expected counts are given (disability: only the planted chance gives it).</summary>
    public string Strand { get; init; } = "";

    /// <summary>The strand's share of planted hate crimes.</summary>
    public double StrandShare { get; init; }

    /// <summary>First month (YYYY-MM) of the window of the expected counts.</summary>
    public string FromMonth { get; init; } = "";

    /// <summary>Last month (YYYY-MM) of the window.</summary>
    public string ToMonth { get; init; } = "";

    /// <summary>
    /// Expected police events with the <see cref="Strand"/> strand in each district (by code) over the window: the
    /// planted value a district's published strand rate, times its denominator, estimates.
    /// </summary>
    public IReadOnlyDictionary<string, double> ExpectedStrandByDistrict { get; init; } = new SortedDictionary<string, double>(StringComparer.Ordinal);
}

/// <summary>
/// The planted repeat victimisation: a domestic abuse victim of violence or stalking and harassment is, with
/// <see cref="Probability"/>, one of the area's earlier such victims (with the same suspect); every other offence has a
/// victim and suspect of its own. The counts are realised: people (pseudonymised keys) with two or more, and three or
/// more, of those offences recorded from <see cref="FromMonth"/> to <see cref="ToMonth"/>, all of them serious violence
/// under the Home Office core definition, so the engine's repeat count over that period should equal them exactly.
/// </summary>
public sealed class SyntheticRepeatTruth
{
    /// <summary>Chance that such a domestic abuse incident repeats an earlier victim and suspect pair of its area.</summary>
    public double Probability { get; init; }

    /// <summary>The offence families whose domestic abuse victims repeat.</summary>
    public IReadOnlyList<string> Families { get; init; } = [];

    /// <summary>First month (YYYY-MM) of the window.</summary>
    public string FromMonth { get; init; } = "";

    /// <summary>Last month (YYYY-MM) of the window.</summary>
    public string ToMonth { get; init; } = "";

    /// <summary>Victims with two or more offences recorded in the window.</summary>
    public long VictimsTwoPlus { get; init; }

    /// <summary>Victims with three or more offences recorded in the window.</summary>
    public long VictimsThreePlus { get; init; }

    /// <summary>Suspects with two or more offences recorded in the window.</summary>
    public long SuspectsTwoPlus { get; init; }

    /// <summary>Suspects with three or more offences recorded in the window.</summary>
    public long SuspectsThreePlus { get; init; }
}

/// <summary>
/// The planted spiking: an assault with injury (8N) or endangering life (5E) outside domestic abuse is, with
/// <see cref="NteProbability"/> in the night-time economy and <see cref="OtherProbability"/> elsewhere, a substance
/// administered, and carries its Home Office offence subcode (008/02 or 005/10) in the force extract. The counts are
/// realised over the last 12 months.
/// </summary>
public sealed class SyntheticSpikingTruth
{
    /// <summary>Chance in the night-time economy.</summary>
    public double NteProbability { get; init; }

    /// <summary>Chance elsewhere.</summary>
    public double OtherProbability { get; init; }

    /// <summary>First month (YYYY-MM) of the window.</summary>
    public string FromMonth { get; init; } = "";

    /// <summary>Last month (YYYY-MM) of the window.</summary>
    public string ToMonth { get; init; } = "";

    /// <summary>Spiking offences recorded in the window.</summary>
    public long Offences { get; init; }

    /// <summary>Of them, in the night-time economy.</summary>
    public long NightTimeEconomy { get; init; }
}
