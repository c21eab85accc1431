using System.Globalization;

namespace NeedsAssessment.Synthetic;

/// <summary>A planted hotspot as used during generation.</summary>
internal sealed class HotspotPlan
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public required double X { get; init; }
    public required double Y { get; init; }
    public required double Radius { get; init; }
    public required int FirstMonth { get; init; }
    public required int LastMonth { get; init; }
    public required double Intensity { get; init; }
    public required double NightShare { get; init; }
    public required District District { get; init; }
    public required Area[] Candidates { get; init; }
}

/// <summary>One generated police event (or unreported assault) before it is written.</summary>
internal struct Incident
{
    public FamilySpec Spec;
    public Offence Offence;
    public Area Area;
    public DateTime Recorded;
    public DateTime OffenceTime;
    public double X, Y;
    public int Snap;
    public int VictimAge; // -1 unknown
    public char VictimSex;
    public string SuspectBand;
    public bool Domestic;
    public string Weapon;
    public string Hate;
    public string LocationType;
    public bool Nte;
}

/// <summary>
/// Streams every event file month by month and area by area, so memory stays flat whatever the scale.
/// </summary>
internal sealed class EventGenerator : IDisposable
{
    public const double DeprivationCoefficient = 0.12;
    public const double SeasonAmplitude = 0.20;
    public const int SeasonPeakMonth = 7;
    public const double NteEffect = 2.5;
    public const double TargetDaShare = 1.0 / 3.0;
    public const double EdProbability = 0.12;
    public const double EdShareInPolice = 0.25;
    public const double DomesticDwellingShare = 0.86;
    public const double NonConveyedCallProbability = 0.12;
    public const string ForceName = "Synthshire Police";

    /// <summary>Planted rural/urban gap: every family's rate in a rural area is this times what the same area would have as urban.</summary>
    public const double RuralRateFactor = 0.6;

    /// <summary>Chance that ordinary non-domestic violence or public order carries a non-racial hate strand.</summary>
    public const double HateBaseProbability = 0.02;

    /// <summary>Planted hate-crime cluster: in one district that chance is this many times higher.</summary>
    public const double HateClusterMultiplier = 4;

    /// <summary>The non-racial strand a planted hate crime carries, with its chance.</summary>
    public static readonly IReadOnlyList<(string Strand, double Share)> HateStrands =
        [("sexual_orientation", 0.45), ("disability", 0.30), ("religion", 0.15), ("transgender", 0.10)];

    // Offences recorded as racially or religiously aggravated, which always carry the race strand.
    private static readonly HashSet<string> RaceCodes = ["8P", "105B", "9B", "58J"];

    private static bool CanCarryPlantedHate(Family f) => OffenceCatalogue.IsViolence(f) || f == Family.PublicOrder;

    /// <summary>
    /// Planted repeat victimisation: chance that a domestic abuse victim of violence or stalking and harassment
    /// (<see cref="RepeatFamilies"/>) is one of the area's earlier such victims, and the suspect the same person as then.
    /// </summary>
    public const double RepeatDomesticProbability = 0.3;

    /// <summary>
    /// The offence families whose domestic abuse victims can repeat: violence with and without injury, stalking and
    /// harassment. Every offence of these families is serious violence under the Home Office core definition, so the
    /// people with two or more, three or more of them are what the engine's repeat count should find.
    /// </summary>
    public static readonly IReadOnlyList<Family> RepeatFamilies = [Family.ViolenceWithInjury, Family.ViolenceWithoutInjury, Family.StalkingHarassment];

    // Pseudonymised person keys of the force extract, from their own stream so they never shift the events.
    private readonly Random _keys;
    private readonly Dictionary<int, List<(string Victim, string Suspect)>> _domesticPairs = [];
    private long _personCounter;

    // Crime and person ids are digests of running counters, hashed ahead on another core (see HashedIds).
    private readonly HashedIds _crimeIds;
    private readonly HashedIds _personIds;

    /// <summary>The force extract's incident id; its crime id on police.uk is the digest of the seed and this.</summary>
    private static string IncidentId(long n) => $"INC{n:D9}";

    /// <summary>Planted spiking: chance that an assault with injury or endangering life outside domestic abuse was a substance administered, in the night-time economy.</summary>
    public const double SpikingNteProbability = 0.04;

    /// <summary>Planted spiking: the same chance elsewhere.</summary>
    public const double SpikingOtherProbability = 0.004;

    // Spiking offences carry their Home Office offence subcode, from a stream of their own so the events never shift.
    private readonly Random _spiking;
    private long _spikingInWindow, _spikingNteInWindow;

    // Offences per victim and per suspect key recorded in the last 12 months, for the realised repeat truth.
    private readonly int _repeatWindowFrom;
    private readonly Dictionary<string, int> _windowVictims = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _windowSuspects = new(StringComparer.Ordinal);

    public static readonly string[] PoliceBands = ["0-9", "10-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"];
    private static readonly int[] BandLow = [0, 10, 18, 25, 35, 45, 55, 65];
    private static readonly int[] BandHigh = [9, 17, 24, 34, 44, 54, 64, 90];

    private static readonly double[] VictimGeneral = Cum([2, 10, 20, 24, 18, 13, 8, 5]);
    private static readonly double[] VictimDomestic = Cum([1, 3, 18, 32, 24, 13, 6, 3]);
    private static readonly double[] VictimNte = Cum([0, 3, 45, 32, 12, 5, 2, 1]);
    private static readonly double[] VictimSexual = Cum([8, 30, 22, 17, 11, 7, 3, 2]);
    private static readonly double[] VictimRobbery = Cum([0, 28, 30, 18, 10, 7, 4, 3]);
    private static readonly double[] VictimProperty = Cum([0, 2, 9, 20, 20, 18, 15, 16]);
    private static readonly double[] SuspectViolence = Cum([0.5, 12, 22, 27, 20, 11, 5, 2.5]);
    private static readonly double[] SuspectRobbery = Cum([0, 35, 35, 15, 8, 4, 2, 1]);

    private static readonly double[] HoursEvening = Cum([5, 4, 3, 2, 1.5, 1, 1, 1.5, 2.5, 3, 3.5, 4, 4.5, 4.5, 4.5, 5, 5.5, 6, 6.5, 6.5, 6.5, 6.5, 6.5, 6]);
    private static readonly double[] HoursDaytime = Cum([1, 0.5, 0.5, 0.3, 0.3, 0.5, 1, 2, 4, 6, 7, 7.5, 7.5, 7.5, 7.5, 7.5, 7, 6.5, 5, 4, 3, 2.5, 2, 1.5]);
    private static readonly double[] HoursNight = Cum([6, 5, 4.5, 4, 3, 2, 2, 2.5, 3, 3, 3, 3, 3, 3, 3, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 6.5]);

    private readonly SyntheticGeography _geo;
    private readonly int _seed;
    private readonly DateTime[] _months;
    private readonly string _outDir;
    private readonly Random _rng;
    private readonly Random _health;
    private readonly double[] _baseRate; // per resident per year, decile 10, no NTE, indexed by family
    private readonly double[,] _areaStatic; // area x family: residents x deprivation x NTE
    private readonly CsvFile _crime;
    private readonly CsvFile _ed;
    private readonly CsvFile _admission;
    private readonly CsvFile _ambulance;
    private readonly List<string> _streetFiles = [];
    private readonly Dictionary<int, (double X, double Y, string Code)[]> _edSites = [];
    private long _streetRows;
    private long _incidentCounter, _edCounter, _admCounter, _ambCounter;

    public SortedDictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);
    public List<HotspotPlan> Hotspots { get; } = [];
    public double DaProbability { get; private set; }

    /// <summary>The district of the planted hate-crime cluster.</summary>
    public District HateClusterDistrict { get; }

    /// <summary>
    /// Expected police events of a family in rural and in urban areas over the months from <paramref name="fromMonth"/>
    /// to the last: the areas' Poisson means plus the hot spots' (each hot spot counted in its centre's area).
    /// </summary>
    public (double Rural, double Urban) ExpectedByPart(Family family, int fromMonth)
    {
        var f = OffenceCatalogue.Get(family);
        double rural = 0, urban = 0;
        for (var mi = Math.Max(0, fromMonth); mi < _months.Length; mi++)
        {
            foreach (var a in _geo.Areas)
                if (a.IsRural) rural += AreaLambda(a, f, mi); else urban += AreaLambda(a, f, mi);
            foreach (var h in Hotspots)
                if (NearestArea(h.Candidates.Length > 0 ? h.Candidates : _geo.Tiles[h.District.Tile].Areas, h.X, h.Y).IsRural) rural += HotspotLambda(h, f, mi);
                else urban += HotspotLambda(h, f, mi);
        }
        return (rural, urban);
    }
    /// <summary>
    /// Expected police events carrying <paramref name="strand"/> as a planted hate strand in each district over the months
    /// from <paramref name="fromMonth"/> to the last: every family that can carry one, its areas' Poisson means (the
    /// night-time-economy excess and the hot spots, which are never domestic abuse, apart), times the chance that the
    /// offence is neither domestic abuse nor racially aggravated, the district's hate chance and the strand's share. A
    /// hot spot's events are put in its centre's district.
    /// </summary>
    public IReadOnlyDictionary<string, double> ExpectedPlantedHate(string strand, int fromMonth)
    {
        var share = HateStrands.Single(s => s.Strand == strand).Share;
        var expected = _geo.Districts.ToDictionary(d => d.Code, _ => 0.0, StringComparer.Ordinal);
        double Chance(District d) => HateBaseProbability * (d == HateClusterDistrict ? HateClusterMultiplier : 1) * share;
        foreach (var f in OffenceCatalogue.Families.Where(f => CanCarryPlantedHate(f.Family)))
        {
            var total = f.Offences.Sum(o => o.Share);
            // Not racially aggravated, and (for an ordinary event) not domestic abuse.
            var notRace = f.Offences.Where(o => !RaceCodes.Contains(o.Code)).Sum(o => o.Share) / total;
            var ordinary = f.Family == Family.ViolenceWithInjury
                ? (1 - DaProbability) * notRace
                : f.Offences.Where(o => !RaceCodes.Contains(o.Code)).Sum(o => o.Share * (1 - Math.Clamp(o.DaProbability, 0, 1))) / total;
            for (var mi = Math.Max(0, fromMonth); mi < _months.Length; mi++)
            {
                foreach (var a in _geo.Areas)
                {
                    var nteShare = f.NightTimeEconomy && a.IsTownCentre ? (NteEffect - 1) / NteEffect : 0;
                    expected[a.District.Code] += AreaLambda(a, f, mi) * (nteShare * notRace + (1 - nteShare) * ordinary) * Chance(a.District);
                }
                foreach (var h in Hotspots) expected[h.District.Code] += HotspotLambda(h, f, mi) * notRace * Chance(h.District);
            }
        }
        return expected;
    }

    public IReadOnlyList<string> StreetFiles => _streetFiles;
    public long StreetRows => _streetRows;
    public CsvFile CrimeFile => _crime;
    public CsvFile EdFile => _ed;
    public CsvFile AdmissionFile => _admission;
    public CsvFile AmbulanceFile => _ambulance;

    public IReadOnlyDictionary<string, double> BaseRatesPerThousand =>
        new SortedDictionary<string, double>(
            OffenceCatalogue.Families.ToDictionary(f => f.Name, f => Math.Round(_baseRate[(int)f.Family] * 1000, 6)), StringComparer.Ordinal);

    public EventGenerator(SyntheticGeography geo, int seed, DateTime[] months, string outDir, Func<string, string[]> headers)
    {
        _geo = geo;
        _seed = seed;
        _crimeIds = new HashedIds(n => $"{seed}|{IncidentId(n)}");
        _personIds = new HashedIds(n => $"{seed}|person|{n}");
        _months = months;
        _outDir = outDir;
        _rng = new Random(Seeds.Mix(seed, 2, 0));
        _health = new Random(Seeds.Mix(seed, 3, 0));
        _keys = new Random(Seeds.Mix(seed, 7, 0));
        _repeatWindowFrom = Math.Max(0, months.Length - 12);
        _spiking = new Random(Seeds.Mix(seed, 8, 0));
        var families = OffenceCatalogue.Families;
        _areaStatic = new double[geo.Areas.Count, families.Length];
        HateClusterDistrict = geo.Districts[Math.Min(1, geo.Districts.Count - 1)];
        _baseRate = new double[families.Length];
        double totalPop = geo.Areas.Sum(a => (double)a.Total);
        foreach (var f in families)
        {
            double sum = 0;
            foreach (var a in geo.Areas)
            {
                var m = a.Total * Math.Exp(DeprivationCoefficient * (10 - a.Decile)) * (f.NightTimeEconomy && a.IsTownCentre ? NteEffect : 1)
                    * (a.IsRural ? RuralRateFactor : 1);
                _areaStatic[a.Index, (int)f.Family] = m;
                sum += m;
            }
            // Calibrate so the county-average recorded rate equals the family's target rate.
            _baseRate[(int)f.Family] = f.RatePerThousandPerYear / 1000 * totalPop / sum;
        }
        PlanHotspots();
        foreach (var tile in geo.Tiles)
        {
            _edSites[tile.Index] =
            [
                (tile.Places[0].X, tile.Places[0].Y, $"Z{tile.Index:D2}H1"),
                (tile.Places[1].X, tile.Places[1].Y, $"Z{tile.Index:D2}H2"),
                (tile.Places[5].X, tile.Places[5].Y, $"Z{tile.Index:D2}H3"),
            ];
        }
        CalibrateDomesticAbuse();
        Directory.CreateDirectory(Path.Combine(outDir, "police-street"));
        _crime = new CsvFile(Path.Combine(outDir, "police-recorded-crime.csv"), headers("police-recorded-crime"));
        _ed = new CsvFile(Path.Combine(outDir, "health-ed-assault.csv"), headers("health-ed-assault"));
        _admission = new CsvFile(Path.Combine(outDir, "health-admission.csv"), headers("health-admission"));
        _ambulance = new CsvFile(Path.Combine(outDir, "ambulance-assault.csv"), headers("ambulance-assault"));
        _streetHeader = headers("police-street");
    }

    private readonly string[] _streetHeader;

    private static double[] Cum(double[] w) => FamilySpec.Cum(w);

    public static double Season(int calendarMonth) => 1 + SeasonAmplitude * Math.Cos(2 * Math.PI * (calendarMonth - SeasonPeakMonth) / 12.0);

    private double Trend(District d, int monthIndex) => Math.Pow(1 + d.AnnualTrend, monthIndex / 12.0);

    private static double DaysFactor(DateTime month) => DateTime.DaysInMonth(month.Year, month.Month) / 365.25;

    private void PlanHotspots()
    {
        var n = _months.Length;
        var emergingFrom = Math.Max(0, n - 12);
        var formerTo = Math.Max(0, (int)(0.4 * n) - 1);
        foreach (var tile in _geo.Tiles)
        {
            var city = tile.Places[0];
            var prefix = _geo.Tiles.Count == 1 ? "H" : $"T{tile.Index + 1}H";
            void Add(string kind, double x, double y, double r, int first, int last, double intensity, double night)
            {
                var district = NearestArea(tile.Areas, x, y).District;
                Hotspots.Add(new HotspotPlan
                {
                    Id = prefix + (Hotspots.Count(h => h.District.Tile == tile.Index) + 1).ToString(CultureInfo.InvariantCulture),
                    Kind = kind, X = Math.Round(x), Y = Math.Round(y), Radius = r, FirstMonth = first, LastMonth = last,
                    Intensity = intensity, NightShare = night, District = district,
                    Candidates = tile.Areas.Where(a => Dist(a.X, a.Y, x, y) < r + 3000).ToArray(),
                });
            }
            Add("persistent", city.X + 150, city.Y - 100, 400, 0, n - 1, 1.0, 0.7);
            Add("persistent", city.X + 2200 * Math.Cos(-0.8), city.Y + 2200 * Math.Sin(-0.8), 350, 0, n - 1, 0.8, 0.3);
            Add("persistent", tile.Places[2].X, tile.Places[2].Y, 300, 0, n - 1, 0.6, 0.5);
            Add("persistent", tile.Places[1].X + 200, tile.Places[1].Y, 400, 0, n - 1, 0.7, 0.5);
            Add("emerging", tile.Places[5].X + 800, tile.Places[5].Y + 300, 350, emergingFrom, n - 1, 0.9, 0.4);
            Add("former", city.X + 2500 * Math.Cos(1.5), city.Y + 2500 * Math.Sin(1.5), 350, 0, formerTo, 0.9, 0.4);
        }
    }

    private static double Dist(double x1, double y1, double x2, double y2) => Math.Sqrt((x1 - x2) * (x1 - x2) + (y1 - y2) * (y1 - y2));

    private static Area NearestArea(IReadOnlyList<Area> areas, double x, double y)
    {
        Area best = areas[0];
        var bestD = double.MaxValue;
        foreach (var a in areas)
        {
            var d = (a.X - x) * (a.X - x) + (a.Y - y) * (a.Y - y);
            if (d < bestD) { bestD = d; best = a; }
        }
        return best;
    }

    private Area AreaAt(HotspotPlan h, double x, double y)
    {
        // Voronoi cells: the containing area is the one with the nearest seed point.
        var a = NearestArea(h.Candidates, x, y);
        if (Dist(a.X, a.Y, x, y) < 3000 - h.Radius) return a;
        return NearestArea(_geo.Tiles[h.District.Tile].Areas, x, y);
    }

    private double HotspotLambda(HotspotPlan h, FamilySpec f, int monthIndex)
    {
        if (monthIndex < h.FirstMonth || monthIndex > h.LastMonth || f.HotspotPerMonth == 0) return 0;
        var m = _months[monthIndex];
        return f.HotspotPerMonth * h.Intensity * Season(m.Month) * Trend(h.District, monthIndex) * DaysFactor(m) * 12;
    }

    private double AreaLambda(Area a, FamilySpec f, int monthIndex)
    {
        var m = _months[monthIndex];
        return _baseRate[(int)f.Family] * _areaStatic[a.Index, (int)f.Family] * Season(m.Month) * Trend(a.District, monthIndex) * DaysFactor(m);
    }

    /// <summary>
    /// Chooses the domestic-abuse probability for ordinary violence with injury so that, over all areas, months,
    /// night-time-economy excess and hotspots, the expected DA share equals the target.
    /// </summary>
    private void CalibrateDomesticAbuse()
    {
        var vwi = OffenceCatalogue.Get(Family.ViolenceWithInjury);
        double total = 0, ordinary = 0;
        for (var mi = 0; mi < _months.Length; mi++)
        {
            foreach (var a in _geo.Areas)
            {
                var l = AreaLambda(a, vwi, mi);
                total += l;
                ordinary += a.IsTownCentre ? l / NteEffect : l;
            }
            foreach (var h in Hotspots) total += HotspotLambda(h, vwi, mi);
        }
        DaProbability = Math.Min(0.95, TargetDaShare * total / ordinary);
    }

    public void Run()
    {
        var families = OffenceCatalogue.Families;
        var vwi = OffenceCatalogue.Get(Family.ViolenceWithInjury);
        for (var mi = 0; mi < _months.Length; mi++)
        {
            var month = _months[mi];
            var streetPath = Path.Combine(_outDir, "police-street", $"{month:yyyy-MM}-synthshire-street.csv");
            using var street = new CsvFile(streetPath, _streetHeader);
            _streetFiles.Add(streetPath);
            foreach (var area in _geo.Areas)
            {
                foreach (var f in families)
                {
                    var lambda = AreaLambda(area, f, mi);
                    var n = Rand.Poisson(_rng, lambda);
                    var nteShare = f.NightTimeEconomy && area.IsTownCentre ? (NteEffect - 1) / NteEffect : 0;
                    for (var i = 0; i < n; i++)
                    {
                        var inc = MakeIncident(_rng, f, area, month, _rng.NextDouble() < nteShare, hotspot: false, null);
                        Emit(ref inc, street, mi);
                    }
                    if (f.Family == Family.ViolenceWithInjury)
                    {
                        // Unreported assaults seen only by the ED: three for every police-linked attendance.
                        var extra = Rand.Poisson(_health, lambda * EdProbability * (1 / EdShareInPolice - 1));
                        for (var i = 0; i < extra; i++)
                        {
                            var inc = MakeIncident(_health, vwi, area, month, _health.NextDouble() < nteShare, hotspot: false, null);
                            EmitHealth(ref inc, linked: false);
                        }
                    }
                }
            }
            foreach (var h in Hotspots)
            {
                foreach (var f in families)
                {
                    var lambda = HotspotLambda(h, f, mi);
                    if (lambda == 0) continue;
                    var n = Rand.Poisson(_rng, lambda);
                    for (var i = 0; i < n; i++)
                    {
                        var (x, y) = PointInCircle(_rng, h);
                        var area = AreaAt(h, x, y);
                        var inc = MakeIncident(_rng, f, area, month, _rng.NextDouble() < h.NightShare, hotspot: true, (x, y));
                        Emit(ref inc, street, mi);
                        Count("hotspot_events." + h.Id);
                    }
                    if (f.Family == Family.ViolenceWithInjury)
                    {
                        var extra = Rand.Poisson(_health, lambda * EdProbability * (1 / EdShareInPolice - 1));
                        for (var i = 0; i < extra; i++)
                        {
                            var (x, y) = PointInCircle(_health, h);
                            var area = AreaAt(h, x, y);
                            var inc = MakeIncident(_health, vwi, area, month, _health.NextDouble() < h.NightShare, hotspot: true, (x, y));
                            EmitHealth(ref inc, linked: false);
                        }
                    }
                }
            }
            _streetRows += street.Rows;
        }
    }

    private static (double, double) PointInCircle(Random rng, HotspotPlan h)
    {
        var r = h.Radius * Math.Sqrt(rng.NextDouble());
        var t = 2 * Math.PI * rng.NextDouble();
        return (h.X + r * Math.Cos(t), h.Y + r * Math.Sin(t));
    }

    private void Count(string key) => Counts[key] = Counts.GetValueOrDefault(key) + 1;

    private Incident MakeIncident(Random rng, FamilySpec f, Area area, DateTime month, bool nte, bool hotspot, (double X, double Y)? at)
    {
        var inc = new Incident { Spec = f, Area = area, Nte = nte, Hate = "", SuspectBand = "unknown", Weapon = "none" };
        var ordinary = !nte && !hotspot;
        if (f.Family == Family.ViolenceWithInjury)
        {
            inc.Domestic = ordinary && rng.NextDouble() < DaProbability;
            inc.Offence = inc.Domestic
                ? OffenceCatalogue.DomesticViolenceWithInjury[Rand.Pick(rng, OffenceCatalogue.DomesticViolenceWithInjuryCumulative)]
                : f.Offences[Rand.Pick(rng, f.Cumulative)];
        }
        else
        {
            inc.Offence = f.Offences[Rand.Pick(rng, f.Cumulative)];
            inc.Domestic = ordinary && inc.Offence.DaProbability > 0 && rng.NextDouble() < inc.Offence.DaProbability;
        }
        var o = inc.Offence;

        // Timing: reported within the month; NTE violence happens on Friday and Saturday nights.
        var days = DateTime.DaysInMonth(month.Year, month.Month);
        var recorded = month.AddDays(rng.Next(days));
        DateTime when;
        if (nte)
        {
            var lag = rng.NextDouble() < 0.7 ? 0 : 1;
            var night = recorded.AddDays(-lag);
            while (night.DayOfWeek is not (DayOfWeek.Friday or DayOfWeek.Saturday)) night = night.AddDays(-1);
            var hour = 21 + rng.Next(night == recorded ? 3 : 7);
            when = night.AddHours(hour).AddMinutes(rng.Next(60));
            if (when.Date > recorded) when = night.AddHours(21 + rng.Next(3)).AddMinutes(rng.Next(60));
        }
        else
        {
            var u = rng.NextDouble();
            var lag = u < 0.6 ? 0 : u < 0.85 ? 1 : 2 + rng.Next(6);
            if (f.Family == Family.Sexual && rng.NextDouble() < 0.25) lag = 30 + rng.Next(1500);
            var profile = f.Hours switch { HourProfile.Daytime => HoursDaytime, HourProfile.Night => HoursNight, _ => HoursEvening };
            if (inc.Domestic) profile = HoursNight;
            when = recorded.AddDays(-lag).AddHours(Rand.Pick(rng, profile)).AddMinutes(rng.Next(60));
            if (lag == 0 && when > recorded.AddHours(23)) when = recorded.AddHours(rng.Next(24)).AddMinutes(rng.Next(60));
        }
        inc.Recorded = recorded;
        inc.OffenceTime = when;

        // Place: an address in the area, or the exact point inside a hotspot circle.
        if (at is { } p)
        {
            inc.X = p.X;
            inc.Y = p.Y;
            inc.Snap = SyntheticGeography.NearestSnap(area, p.X, p.Y);
        }
        else
        {
            var k = rng.Next(area.AddressX.Length);
            inc.X = area.AddressX[k];
            inc.Y = area.AddressY[k];
            inc.Snap = area.AddressSnap[k];
        }

        var placeDraw = rng.NextDouble();
        inc.LocationType = o.Location switch
        {
            "d" => "dwelling",
            "p" => rng.NextDouble() < 0.9 ? "public_place" : "other",
            "o" => "other",
            _ => inc.Domestic
                ? (rng.NextDouble() < DomesticDwellingShare ? "dwelling" : rng.NextDouble() < 0.7 ? "public_place" : "other")
                : nte || hotspot ? (rng.NextDouble() < 0.92 ? "public_place" : "other")
                : placeDraw < 0.5 ? "public_place" : placeDraw < 0.78 ? "dwelling" : "other",
        };
        if (inc.Domestic && o.Location != "v" && o.Location != "d" && rng.NextDouble() < DomesticDwellingShare) inc.LocationType = "dwelling";

        // Weapon flags come from the offence's own probabilities.
        var w = rng.NextDouble();
        inc.Weapon = w < o.Knife ? "knife_or_sharp_instrument" : w < o.Knife + o.Firearm ? "firearm" : w < o.Knife + o.Firearm + o.OtherWeapon ? "other" : "none";

        // Victim.
        double[]? bands;
        double female;
        switch (o.Victim)
        {
            case VictimProfile.Sexual: bands = VictimSexual; female = o.Code is "17A" or "19F" ? 0 : 1; break;
            case VictimProfile.Robbery: bands = VictimRobbery; female = 0.25; break;
            case VictimProfile.Property: bands = VictimProperty; female = 0.5; break;
            case VictimProfile.General:
                if (inc.Domestic) { bands = VictimDomestic; female = 0.76; }
                else if (nte) { bands = VictimNte; female = 0.22; }
                else { bands = VictimGeneral; female = 0.35; }
                break;
            default: bands = null; female = 0; break;
        }
        if (o.Code is "19D" or "20B" or "22B" or "88A") bands = Cum([15, 85, 0, 0, 0, 0, 0, 0]);
        if (o.Code == "11A") bands = Cum([60, 40, 0, 0, 0, 0, 0, 0]);
        if (o.Code is "19C" or "20A" && bands == VictimSexual) bands = Cum([0, 25, 28, 21, 13, 8, 3, 2]);
        if (bands is null)
        {
            inc.VictimAge = -1;
            inc.VictimSex = 'U';
        }
        else
        {
            var b = Rand.Pick(rng, bands);
            inc.VictimAge = rng.NextDouble() < 0.02 ? -1 : BandLow[b] + rng.Next(BandHigh[b] - BandLow[b] + 1);
            inc.VictimSex = rng.NextDouble() < 0.01 ? 'U' : rng.NextDouble() < female ? 'F' : 'M';
        }
        if (f.Family == Family.Sexual && o.Code is "17A" or "19F" && inc.VictimSex == 'F') inc.VictimSex = 'M';

        // Suspect: violent offences usually have a named suspect; acquisitive crime mostly does not.
        var suspectKnown = OffenceCatalogue.IsViolence(f.Family) || f.Family is Family.PublicOrder or Family.Drugs ? 0.8 : 0.3;
        if (rng.NextDouble() < suspectKnown)
            inc.SuspectBand = PoliceBands[Rand.Pick(rng, f.Family is Family.Robbery or Family.Weapons or Family.TheftFromPerson ? SuspectRobbery : SuspectViolence)];

        // Hate: racially aggravated codes always; a small share of other violence and public order.
        if (RaceCodes.Contains(o.Code)) inc.Hate = rng.NextDouble() < 0.85 ? "race" : "race|religion";
        else if (CanCarryPlantedHate(f.Family) && !inc.Domestic
                 && rng.NextDouble() < HateBaseProbability * (area.District == HateClusterDistrict ? HateClusterMultiplier : 1))
        {
            var u = rng.NextDouble();
            var i = 0;
            for (var cumulative = HateStrands[0].Share; i < HateStrands.Count - 1 && u >= cumulative; cumulative += HateStrands[++i].Share) { }
            inc.Hate = HateStrands[i].Strand;
        }
        return inc;
    }

    private static string Band(int age)
    {
        if (age < 0) return "unknown";
        for (var i = PoliceBands.Length - 1; i >= 0; i--) if (age >= BandLow[i]) return PoliceBands[i];
        return "unknown";
    }

    private static string EspBand(int age)
    {
        if (age >= 90) return "90+";
        var lo = age / 5 * 5;
        return $"{lo}-{lo + 4}";
    }

    /// <summary>
    /// Pseudonymised victim and suspect keys: a new person each time, except that a domestic abuse incident of the
    /// <see cref="RepeatFamilies"/> repeats an earlier such victim and suspect pair of its area with
    /// <see cref="RepeatDomesticProbability"/>. Those incidents in the last 12 months are counted per key for the truth.
    /// </summary>
    private (string Victim, string Suspect) PersonKeys(Incident inc, int monthIndex)
    {
        string NewKey(char role) => role + _personIds[++_personCounter][..16];
        if (!inc.Domestic || !RepeatFamilies.Contains(inc.Spec.Family)) return (NewKey('V'), inc.SuspectBand == "unknown" ? "" : NewKey('S'));
        if (!_domesticPairs.TryGetValue(inc.Area.Index, out var pairs)) _domesticPairs[inc.Area.Index] = pairs = [];
        (string Victim, string Suspect) pair;
        if (pairs.Count > 0 && _keys.NextDouble() < RepeatDomesticProbability)
        {
            Count("police_domestic_repeat");
            pair = pairs[_keys.Next(pairs.Count)];
        }
        else
        {
            pair = (NewKey('V'), NewKey('S'));
            pairs.Add(pair);
        }
        if (monthIndex >= _repeatWindowFrom)
        {
            _windowVictims[pair.Victim] = _windowVictims.GetValueOrDefault(pair.Victim) + 1;
            _windowSuspects[pair.Suspect] = _windowSuspects.GetValueOrDefault(pair.Suspect) + 1;
        }
        return pair;
    }

    /// <summary>
    /// The Home Office offence subcode of a spiking offence (administering poison with intent to injure, 008/02, under
    /// 8N; so as to endanger life, 005/10, under 5E), written as forces do with leading zeros; empty for every other
    /// offence, as an extract that fills the column only where it matters would.
    /// </summary>
    private string SpikingSubcode(Incident inc, int monthIndex)
    {
        if (inc.Domestic || inc.Offence.Code is not ("8N" or "5E")) return "";
        if (_spiking.NextDouble() >= (inc.Nte ? SpikingNteProbability : SpikingOtherProbability)) return "";
        Count("police_spiking");
        if (monthIndex >= _repeatWindowFrom)
        {
            _spikingInWindow++;
            if (inc.Nte) _spikingNteInWindow++;
        }
        return inc.Offence.Code == "8N" ? "008/02" : "005/10";
    }

    /// <summary>Spiking offences recorded in the last 12 months, and those in the night-time economy.</summary>
    public (long InWindow, long NteInWindow) SpikingTruth() => (_spikingInWindow, _spikingNteInWindow);

    /// <summary>
    /// The realised repeat victimisation of the last 12 months: victims and suspects (by key) with two or more, and three
    /// or more, domestic abuse offences of the <see cref="RepeatFamilies"/> recorded in those months. Every other
    /// offence has a person of its own, so these are all the people with repeat offences in the extract.
    /// </summary>
    public (int VictimsTwoPlus, int VictimsThreePlus, int SuspectsTwoPlus, int SuspectsThreePlus, int RepeatFirstMonth) RepeatTruth() =>
        (_windowVictims.Values.Count(n => n >= 2), _windowVictims.Values.Count(n => n >= 3),
         _windowSuspects.Values.Count(n => n >= 2), _windowSuspects.Values.Count(n => n >= 3), _repeatWindowFrom);

    private static string Dt(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Round10(double v) => (Math.Round(v / 10) * 10).ToString("F0", CultureInfo.InvariantCulture);

    private void Emit(ref Incident inc, CsvFile street, int monthIndex)
    {
        var f = inc.Spec;
        var area = inc.Area;
        Count("police_events." + f.Name);
        string crimeId = "";
        if (f.Family != Family.AntiSocialBehaviour)
        {
            var id = IncidentId(++_incidentCounter);
            crimeId = _crimeIds[_incidentCounter];
            if (inc.Domestic) Count("police_domestic." + f.Name);
            if (inc.Weapon != "none") Count($"police_weapon_{inc.Weapon}.{f.Name}");
            var missingTime = f.Family == Family.StalkingHarassment && _rng.NextDouble() < 0.1;
            _crime.Add(id).Add("").Add(inc.Offence.Code).Add(inc.Offence.Description)
                .Add(inc.Recorded.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Add(missingTime ? "" : Dt(inc.OffenceTime))
                .Add(area.Code).Add(Round10(inc.X)).Add(Round10(inc.Y))
                .Add(Band(inc.VictimAge)).Add(inc.VictimSex.ToString()).Add(inc.SuspectBand)
                .Add(inc.Domestic ? "Y" : "N").Add(inc.Weapon).Add(inc.Hate).Add(inc.LocationType).Add(inc.Nte ? "Y" : "N");
            var (victimKey, suspectKey) = PersonKeys(inc, monthIndex);
            _crime.Add(victimKey).Add(suspectKey).Add(SpikingSubcode(inc, monthIndex));
            _crime.EndRow();
            if (f.Family == Family.ViolenceWithInjury && _health.NextDouble() < EdProbability) EmitHealth(ref inc, linked: true);
        }
        var noLocation = _rng.NextDouble() < (f.Family == Family.AntiSocialBehaviour ? 0.015 : 0.008);
        var snap = area.Snaps[inc.Snap];
        street.Add(crimeId).Add(_months[monthIndex].ToString("yyyy-MM", CultureInfo.InvariantCulture)).Add(ForceName).Add(ForceName);
        if (noLocation) street.Add("").Add("").Add("No Location").Add("").Add("");
        else street.Add(snap.Lon).Add(snap.Lat).Add(snap.Street).Add(area.Code).Add(area.Name);
        street.Add(f.CrimeType).Add(f.Family == Family.AntiSocialBehaviour ? "" : Outcome(f, _months.Length - 1 - monthIndex)).Add("");
        street.EndRow();
    }

    private string Outcome(FamilySpec f, int monthsBeforeEnd)
    {
        var u = _rng.NextDouble();
        var open = 0.03 + 0.6 * Math.Exp(-monthsBeforeEnd / 3.0);
        if (u < open) return "Under investigation";
        u = _rng.NextDouble();
        if (f.Family is Family.Drugs)
            return u switch
            {
                < 0.30 => "Offender given a drugs possession warning", < 0.50 => "Local resolution", < 0.65 => "Awaiting court outcome",
                < 0.80 => "Formal action is not in the public interest", < 0.90 => "Offender given a caution", _ => "Unable to prosecute suspect",
            };
        if (OffenceCatalogue.IsViolence(f.Family) || f.Family == Family.PublicOrder)
            return u switch
            {
                < 0.52 => "Unable to prosecute suspect", < 0.64 => "Investigation complete; no suspect identified", < 0.74 => "Awaiting court outcome",
                < 0.80 => "Further investigation is not in the public interest", < 0.86 => "Local resolution", < 0.90 => "Offender given a caution",
                < 0.94 => "Court result unavailable", < 0.97 => "Action to be taken by another organisation", _ => "Formal action is not in the public interest",
            };
        return u switch
        {
            < 0.62 => "Investigation complete; no suspect identified", < 0.82 => "Unable to prosecute suspect", < 0.88 => "Awaiting court outcome",
            < 0.92 => "Local resolution", < 0.95 => "Further investigation is not in the public interest", < 0.97 => "Offender given penalty notice",
            _ => "Action to be taken by another organisation",
        };
    }

    private string NearestEdSite(Area area, double x, double y)
    {
        var sites = _edSites[area.District.Tile];
        var best = sites[0];
        foreach (var s in sites) if (Dist(s.X, s.Y, x, y) < Dist(best.X, best.Y, x, y)) best = s;
        return best.Code;
    }

    /// <summary>ED attendance for an assault, and from it possibly an admission and ambulance call-outs.</summary>
    private void EmitHealth(ref Incident inc, bool linked)
    {
        var rng = _health;
        Count(linked ? "ed_attendances.linked_to_police" : "ed_attendances.not_in_police");
        var method = inc.Weapon switch
        {
            "knife_or_sharp_instrument" => "knife_or_sharp_object",
            "firearm" => "firearm",
            "other" => rng.NextDouble() < 0.7 ? "blunt_object" : "other",
            _ => "body_part",
        };
        var recordedMethod = rng.NextDouble() < 0.05 ? "not_known" : method;
        var location = inc.LocationType switch
        {
            "dwelling" => "home",
            "public_place" => inc.Nte && rng.NextDouble() < 0.6 ? "licensed_premises" : "street_or_public_place",
            _ => inc.VictimAge is >= 10 and <= 17 && rng.NextDouble() < 0.3 ? "educational_establishment" : rng.NextDouble() < 0.35 ? "workplace" : "other",
        };
        if (rng.NextDouble() < 0.05) location = "not_known";
        var arrival = inc.OffenceTime.AddMinutes(Math.Round(15 + Math.Exp(3.8 + 0.8 * Rand.Gaussian(rng))));
        var site = NearestEdSite(inc.Area, inc.X, inc.Y);
        var age = inc.VictimAge >= 0 ? inc.VictimAge : 18 + rng.Next(40);
        var sex = inc.VictimSex == 'U' ? (rng.NextDouble() < 0.6 ? 'M' : 'F') : inc.VictimSex;
        _ed.Add($"ED{++_edCounter:D9}").Add("").Add(site).Add(Dt(arrival))
            .Add(rng.NextDouble() < 0.05 ? "" : Dt(inc.OffenceTime))
            .Add(recordedMethod).Add(location)
            .Add(rng.NextDouble() < 0.01 ? "unknown" : Band(age)).Add(sex.ToString())
            .Add(rng.NextDouble() < 0.08 ? "" : inc.Area.Code);
        _ed.EndRow();

        var admitP = AdmissionProbability[method];
        if (rng.NextDouble() < admitP)
        {
            Count("admissions." + method);
            var icd = method switch
            {
                "knife_or_sharp_object" => "X99",
                "firearm" => rng.NextDouble() < 0.3 ? "X93" : "X95",
                "blunt_object" => "Y00",
                "other" => rng.NextDouble() switch { < 0.5 => "Y08", < 0.7 => "X97", < 0.85 => "Y01", _ => "X96" },
                _ => inc.Domestic && rng.NextDouble() < 0.12 ? "X91"
                    : inc.Spec.Family == Family.Sexual ? "Y05"
                    : rng.NextDouble() switch { < 0.88 => "Y04", < 0.94 => "Y08", _ => "Y09" },
            };
            var residence = rng.NextDouble() < 0.65 ? inc.Area : inc.Area.District.Areas[rng.Next(inc.Area.District.Areas.Count)];
            var severe = method is "knife_or_sharp_object" or "firearm";
            var stay = rng.NextDouble() < (severe ? 0.15 : 0.35) ? 0 : 1 + (int)Math.Floor(-Math.Log(1 - rng.NextDouble()) * (severe ? 5 : 2.5));
            _admission.Add($"AD{++_admCounter:D9}").Add(arrival.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Add(icd)
                .Add(EspBand(age)).Add(sex.ToString()).Add(residence.Code).Add(Math.Min(stay, 365));
            _admission.EndRow();
        }

        if (rng.NextDouble() < AmbulanceProbability[method])
        {
            Count(linked ? "ambulance_conveyed.linked_to_police" : "ambulance_conveyed.not_in_police");
            var call = inc.OffenceTime.AddMinutes(2 + rng.Next(25));
            var category = method is "knife_or_sharp_object" or "firearm"
                ? (rng.NextDouble() < 0.6 ? "C1" : "C2")
                : rng.NextDouble() switch { < 0.05 => "C1", < 0.6 => "C2", < 0.95 => "C3", _ => "C4" };
            WriteAmbulance(call, category, inc.Area, Band(age), sex, conveyed: true);
        }
        else if (rng.NextDouble() < NonConveyedCallProbability)
        {
            // A call-out for a different, minor assault in the same area that was treated at the scene.
            Count("ambulance_not_conveyed");
            var month = new DateTime(inc.Recorded.Year, inc.Recorded.Month, 1);
            var call = month.AddDays(rng.Next(DateTime.DaysInMonth(month.Year, month.Month))).AddHours(Rand.Pick(rng, HoursEvening)).AddMinutes(rng.Next(60));
            var cat = rng.NextDouble() < 0.5 ? "C3" : rng.NextDouble() < 0.7 ? "C2" : "C4";
            WriteAmbulance(call, cat, inc.Area, PoliceBands[Rand.Pick(rng, VictimGeneral)], rng.NextDouble() < 0.6 ? 'M' : 'F', conveyed: false);
        }
    }

    private void WriteAmbulance(DateTime call, string category, Area area, string ageBand, char sex, bool conveyed)
    {
        _ambulance.Add($"AMB{++_ambCounter:D9}").Add(Dt(call)).Add(category)
            .Add(_health.NextDouble() < 0.03 ? "" : area.Code).Add(_health.NextDouble() < 0.04 ? "unknown" : ageBand)
            .Add(sex.ToString()).Add(conveyed ? "Y" : "N");
        _ambulance.EndRow();
    }

    public static readonly IReadOnlyDictionary<string, double> AdmissionProbability = new SortedDictionary<string, double>(StringComparer.Ordinal)
    {
        ["knife_or_sharp_object"] = 0.30, ["firearm"] = 0.60, ["blunt_object"] = 0.15, ["other"] = 0.10, ["body_part"] = 0.06,
    };

    public static readonly IReadOnlyDictionary<string, double> AmbulanceProbability = new SortedDictionary<string, double>(StringComparer.Ordinal)
    {
        ["knife_or_sharp_object"] = 0.85, ["firearm"] = 0.95, ["blunt_object"] = 0.5, ["other"] = 0.4, ["body_part"] = 0.3,
    };

    public void Dispose()
    {
        _crime.Dispose();
        _ed.Dispose();
        _admission.Dispose();
        _ambulance.Dispose();
    }
}
