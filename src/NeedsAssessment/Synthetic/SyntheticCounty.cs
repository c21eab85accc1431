using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NeedsAssessment.Store;
using NetTopologySuite.Geometries;

namespace NeedsAssessment.Synthetic;

/// <summary>
/// Generates the embedded default dataset: a fictional county ("Synthshire") whose police, health, ambulance,
/// justice, population, deprivation and geography partner files follow the published formats in
/// <c>data-schemas</c>, with a known ground truth written beside them.
/// </summary>
/// <remarks>
/// <para><b>Geography.</b> About 500 small areas (LSOA-like, ~1,500 residents each) are Voronoi cells of seed points
/// concentrated in one city and seven market towns, clipped to a wavy county outline placed around 465000 E,
/// 465000 N in British National Grid metres. Areas nest in MSOAs (5 areas), wards (2 MSOAs), eight districts
/// (the city plus seven community safety hubs, each a town's hinterland) and one partnership. Codes use the letter
/// Z (Z01 LSOA, Z02 MSOA, Z05 ward, Z07 district, Z08 hub, Z10 partnership) so they cannot be mistaken for ONS
/// codes. Areas are typed town centre, student, suburban, rural or coastal, which sets their single-year age and
/// sex structure and the mean of their IMD decile.</para>
/// <para><b>Events.</b> For each area a, offence family f and month m, the police count is Poisson with mean
/// base_f x residents_a x exp(0.12 x (10 - decile_a)) x NTE_{a,f} x (1 + 0.2 cos(2 pi (month - 7) / 12))
/// x (1 + trend_d)^(m / 12) x days_m / 365.25, where NTE is 2.5 for night-time-economy families (violence,
/// public order, anti-social behaviour) in town-centre areas (the excess occurring on Friday and Saturday nights
/// in public places) and trend_d is +12% a year in one district and 0 elsewhere. base_f is calibrated so the
/// county-average rate matches a shire force's recorded rate for the family. Six hotspots per county add Poisson
/// events uniformly inside circles of 300-400 m (four persistent, one emerging in the last 12 months, one former in
/// the first 40% of months). Offence codes, domestic abuse (calibrated to a third of violence with injury),
/// weapons, victims, suspects, timing and location type are drawn per event. Every police-recorded violence with
/// injury leads to an ED attendance with probability 0.12, and three unreported ED assaults are added for each such
/// linked attendance from the same area, month and hotspot process, so about a quarter of ED assaults are in
/// police data. Admissions and ambulance call-outs derive from ED attendances by assault method.</para>
/// <para>All randomness comes from seeded <see cref="Random"/> streams in a fixed order, so the same options give
/// byte-identical files. Rows are written as they are generated, month by month and area by area.</para>
/// </remarks>
public static class SyntheticCounty
{
    /// <summary>File name of the ground truth written into the output folder.</summary>
    public const string GroundTruthFileName = "ground-truth.json";

    private static readonly UTF8Encoding Utf8NoBom = new(false);

    /// <summary>Generates the dataset described by <paramref name="options"/> and returns what was written.</summary>
    /// <param name="options">Output folder, seed, scale, years and end month.</param>
    public static SyntheticResult Generate(SyntheticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Years < 1 || options.Years > 30) throw new ArgumentOutOfRangeException(nameof(options), "Years must be 1-30.");
        if (!DateTime.TryParseExact(options.EndMonth, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
            throw new ArgumentException($"EndMonth '{options.EndMonth}' is not YYYY-MM.", nameof(options));
        var outDir = Path.GetFullPath(options.OutputFolder);
        Directory.CreateDirectory(outDir);
        var n = options.Years * 12;
        var months = Enumerable.Range(0, n).Select(i => end.AddMonths(i - n + 1)).ToArray();

        PhaseTrace.Mark("generate: start");
        var geo = SyntheticGeography.Build(options.Seed, options.Scale);
        PhaseTrace.Mark("generate: geography");
        var files = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var rows = new SortedDictionary<string, long>(StringComparer.Ordinal);
        void Record(string kind, string path, long count)
        {
            files[kind] = [path];
            rows[kind] = count;
        }

        Record("geography", Path.Combine(outDir, "geography.csv"), WriteGeography(geo, outDir));
        Record("population-syoa", Path.Combine(outDir, "population-syoa.csv"), WritePopulationSyoa(geo, outDir));
        Record("population", Path.Combine(outDir, "population.csv"), WritePopulationCensus(geo, outDir));
        Record("deprivation", Path.Combine(outDir, "deprivation.csv"), WriteDeprivation(geo, outDir));
        Record("deprivation-domains", Path.Combine(outDir, "deprivation-domains.csv"), WriteDeprivationDomains(geo, outDir, options.Seed));
        Record("lsoa-lookup", Path.Combine(outDir, "lsoa-lookup.csv"), WriteLookup(geo, outDir));
        Record("centroids", Path.Combine(outDir, "centroids.csv"), WriteCentroids(geo, outDir, options.Seed));
        Record("boundaries", Path.Combine(outDir, "boundaries.geojson"), WriteBoundaries(geo, outDir));
        Record("rural-urban", Path.Combine(outDir, "rural-urban.csv"), WriteRuralUrban(geo, outDir));
        PhaseTrace.Mark("generate: reference files");

        SortedDictionary<string, long> counts;
        List<HotspotPlan> hotspots;
        double daProbability;
        IReadOnlyDictionary<string, double> baseRates;
        SyntheticParityTruth parity;
        SyntheticHateCluster hate;
        SyntheticRepeatTruth repeat;
        SyntheticSpikingTruth spiking;
        using (var events = new EventGenerator(geo, options.Seed, months, outDir, SchemaHeader))
        {
            events.Run();
            PhaseTrace.Mark("generate: events");
            counts = events.Counts;
            hotspots = events.Hotspots;
            daProbability = events.DaProbability;
            baseRates = events.BaseRatesPerThousand;
            var from = Math.Max(0, months.Length - 12);
            var (rural, urban) = events.ExpectedByPart(Family.ViolenceWithInjury, from);
            double Residents(bool r) => geo.Areas.Where(a => a.IsRural == r).Sum(a => (double)a.Total);
            parity = new SyntheticParityTruth
            {
                RuralRateFactor = EventGenerator.RuralRateFactor,
                Measure = "vwi_rate",
                FromMonth = months[from].ToString("yyyy-MM", CultureInfo.InvariantCulture),
                ToMonth = months[^1].ToString("yyyy-MM", CultureInfo.InvariantCulture),
                RuralLsoas = geo.Areas.Count(a => a.IsRural),
                UrbanLsoas = geo.Areas.Count(a => !a.IsRural),
                RuralResidents = Residents(true),
                UrbanResidents = Residents(false),
                ExpectedRuralCount = Math.Round(rural, 3),
                ExpectedUrbanCount = Math.Round(urban, 3),
                ExpectedRateRatio = Residents(true) > 0 && urban > 0 ? Math.Round(rural / Residents(true) / (urban / Residents(false)), 6) : 0,
            };
            hate = new SyntheticHateCluster
            {
                DistrictCode = events.HateClusterDistrict.Code,
                DistrictName = events.HateClusterDistrict.Name,
                BaseProbability = EventGenerator.HateBaseProbability,
                Multiplier = EventGenerator.HateClusterMultiplier,
                Strand = "disability",
                StrandShare = EventGenerator.HateStrands.Single(h => h.Strand == "disability").Share,
                FromMonth = months[from].ToString("yyyy-MM", CultureInfo.InvariantCulture),
                ToMonth = months[^1].ToString("yyyy-MM", CultureInfo.InvariantCulture),
                ExpectedStrandByDistrict = new SortedDictionary<string, double>(
                    events.ExpectedPlantedHate("disability", from).ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value, 3)), StringComparer.Ordinal),
            };
            var r = events.RepeatTruth();
            repeat = new SyntheticRepeatTruth
            {
                Probability = EventGenerator.RepeatDomesticProbability,
                Families = EventGenerator.RepeatFamilies.Select(f => OffenceCatalogue.Get(f).Name).ToList(),
                FromMonth = months[r.RepeatFirstMonth].ToString("yyyy-MM", CultureInfo.InvariantCulture),
                ToMonth = months[^1].ToString("yyyy-MM", CultureInfo.InvariantCulture),
                VictimsTwoPlus = r.VictimsTwoPlus,
                VictimsThreePlus = r.VictimsThreePlus,
                SuspectsTwoPlus = r.SuspectsTwoPlus,
                SuspectsThreePlus = r.SuspectsThreePlus,
            };
            var sp = events.SpikingTruth();
            spiking = new SyntheticSpikingTruth
            {
                NteProbability = EventGenerator.SpikingNteProbability,
                OtherProbability = EventGenerator.SpikingOtherProbability,
                FromMonth = repeat.FromMonth,
                ToMonth = repeat.ToMonth,
                Offences = sp.InWindow,
                NightTimeEconomy = sp.NteInWindow,
            };
            files["police-street"] = events.StreetFiles.ToArray();
            rows["police-street"] = events.StreetRows;
            Record("police-recorded-crime", events.CrimeFile.Path, events.CrimeFile.Rows);
            Record("health-ed-assault", events.EdFile.Path, events.EdFile.Rows);
            Record("health-admission", events.AdmissionFile.Path, events.AdmissionFile.Rows);
            Record("ambulance-assault", events.AmbulanceFile.Path, events.AmbulanceFile.Rows);
        }
        Record("justice-cohort", Path.Combine(outDir, "justice-cohort.csv"), WriteJustice(geo, outDir, months, options.Seed));

        PhaseTrace.Mark("generate: rest");
        var truth = BuildGroundTruth(options, geo, months, counts, hotspots, daProbability, baseRates);
        truth.RuralUrban = parity;
        truth.HateCluster = hate;
        truth.RepeatDomesticProbability = EventGenerator.RepeatDomesticProbability;
        truth.RepeatVictims = repeat;
        truth.Spiking = spiking;
        var truthPath = Path.Combine(outDir, GroundTruthFileName);
        File.WriteAllText(truthPath, JsonSerializer.Serialize(truth, SyntheticGroundTruth.JsonOptions).ReplaceLineEndings("\n") + "\n", Utf8NoBom);
        return new SyntheticResult(outDir, files, rows, truthPath);
    }

    /// <summary>The published column headers (each field's <c>sourceName</c>) of a dataset kind, in schema order.</summary>
    internal static string[] SchemaHeader(string kind)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"data-schemas/{kind}.schema.json")
            ?? throw new InvalidOperationException($"No embedded schema for kind '{kind}'.");
        using var doc = JsonDocument.Parse(stream);
        return doc.RootElement.GetProperty("fields").EnumerateArray()
            .Select(f => f.TryGetProperty("sourceName", out var s) ? s.GetString()! : f.GetProperty("name").GetString()!)
            .ToArray();
    }

    private static string Inv(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The ONS Rural-Urban Classification 2021 of LSOAs in its published layout: rural area types rural, the rest urban.</summary>
    private static long WriteRuralUrban(SyntheticGeography geo, string outDir)
    {
        using var csv = new CsvFile(Path.Combine(outDir, "rural-urban.csv"), SchemaHeader("rural-urban"));
        foreach (var a in geo.Areas)
        {
            var (code, name) = (a.IsRural, a.District.IsCity) switch
            {
                (false, true) => ("UN1", "Urban: Nearer to a major town or city"),
                (false, false) => ("UF1", "Urban: Further from a major town or city"),
                (true, true) => ("RSN1", "Smaller rural: Nearer to a major town or city"),
                (true, false) => ("RSF1", "Smaller rural: Further from a major town or city"),
            };
            csv.Add(a.Code).Add(a.Name).Add(code).Add(name).Add(a.IsRural ? "Rural" : "Urban").Add(a.Index + 1);
            csv.EndRow();
        }
        return csv.Rows;
    }

    private static long WriteGeography(SyntheticGeography geo, string outDir)
    {
        using var csv = new CsvFile(Path.Combine(outDir, "geography.csv"), SchemaHeader("geography"));
        foreach (var a in geo.Areas)
        {
            var d = a.District;
            csv.Add(a.Code).Add(a.Name).Add(a.MsoaCode).Add(a.MsoaName).Add(a.WardCode).Add(a.WardName)
                .Add(d.Code).Add(d.Name).Add(d.HubCode).Add(d.HubName).Add(d.PartnershipCode).Add(d.PartnershipName);
            csv.EndRow();
        }
        return csv.Rows;
    }

    private static long WritePopulationSyoa(SyntheticGeography geo, string outDir)
    {
        using var csv = new CsvFile(Path.Combine(outDir, "population-syoa.csv"), SchemaHeader("population-syoa"));
        foreach (var a in geo.Areas)
        {
            csv.Add(a.Code).Add(a.Name).Add(a.Total);
            foreach (var v in a.Female) csv.Add(v);
            foreach (var v in a.Male) csv.Add(v);
            csv.EndRow();
        }
        return csv.Rows;
    }

    private static long WritePopulationCensus(SyntheticGeography geo, string outDir)
    {
        (string Label, int Lo, int Hi)[] groups =
        [
            ("Aged 15 years and under", 0, 15), ("Aged 16 to 24 years", 16, 24), ("Aged 25 to 34 years", 25, 34),
            ("Aged 35 to 49 years", 35, 49), ("Aged 50 to 64 years", 50, 64), ("Aged 65 years and over", 65, 90),
        ];
        using var csv = new CsvFile(Path.Combine(outDir, "population.csv"), SchemaHeader("population"));
        foreach (var a in geo.Areas)
        foreach (var g in groups)
        {
            long sum = 0;
            for (var age = g.Lo; age <= g.Hi; age++) sum += a.Female[age] + a.Male[age];
            csv.Add(a.Code).Add(a.Name).Add(g.Label).Add(sum);
            csv.EndRow();
        }
        return csv.Rows;
    }

    private static string Rank(int rank) => rank.ToString("N0", CultureInfo.InvariantCulture);

    private static long WriteDeprivation(SyntheticGeography geo, string outDir)
    {
        using var csv = new CsvFile(Path.Combine(outDir, "deprivation.csv"), SchemaHeader("deprivation"));
        foreach (var a in geo.Areas)
        {
            csv.Add(a.Code).Add(a.Name).Add(a.District.Code).Add(a.District.Name).Add(Rank(a.ImdRank)).Add(a.Decile);
            csv.EndRow();
        }
        return csv.Rows;
    }

    private static long WriteDeprivationDomains(SyntheticGeography geo, string outDir, int seed)
    {
        var rng = new Random(Seeds.Mix(seed, 5, 0));
        using var csv = new CsvFile(Path.Combine(outDir, "deprivation-domains.csv"), SchemaHeader("deprivation-domains"));
        foreach (var a in geo.Areas)
        {
            csv.Add(a.Code).Add(a.Name).Add(a.District.Code).Add(a.District.Name).Add(Rank(a.ImdRank)).Add(a.Decile);
            // Seven domains correlate with the overall index; barriers to housing and services run the other way in rural areas.
            for (var d = 0; d < 7; d++)
            {
                var spread = d == 5 ? 9000 : 3500;
                var rank = (int)Math.Clamp(Math.Round(a.ImdRank + spread * Rand.Gaussian(rng)), 1, 32844);
                if (d == 5 && a.Type == AreaType.Rural) rank = Math.Max(1, rank / 4);
                csv.Add(Rank(rank)).Add(Math.Clamp((int)Math.Ceiling(rank / 3284.4), 1, 10));
            }
            csv.EndRow();
        }
        return csv.Rows;
    }

    private static long WriteLookup(SyntheticGeography geo, string outDir)
    {
        using var csv = new CsvFile(Path.Combine(outDir, "lsoa-lookup.csv"), SchemaHeader("lsoa-lookup"));
        foreach (var a in geo.Areas)
        {
            csv.Add(a.Index + 1).Add(a.Code).Add(a.Name).Add(a.Code).Add(a.Name).Add("U").Add(a.District.Code).Add(a.District.Name).Add("");
            csv.EndRow();
        }
        return csv.Rows;
    }

    private static long WriteCentroids(SyntheticGeography geo, string outDir, int seed)
    {
        using var csv = new CsvFile(Path.Combine(outDir, "centroids.csv"), SchemaHeader("centroids"));
        foreach (var a in geo.Areas)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}|centroid|{a.Code}"));
            var guid = new Guid(hash.AsSpan(0, 16)).ToString("D");
            csv.Add(a.Index + 1).Add(a.Code).Add(guid).Add(Inv(a.X, "0.####")).Add(Inv(a.Y, "0.####"));
            csv.EndRow();
        }
        return csv.Rows;
    }

    private static long WriteBoundaries(SyntheticGeography geo, string outDir)
    {
        using var stream = File.Create(Path.Combine(outDir, "boundaries.geojson"));
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        w.WriteString("name", "synthshire_lsoa21");
        w.WriteStartObject("crs");
        w.WriteString("type", "name");
        w.WriteStartObject("properties");
        w.WriteString("name", "urn:ogc:def:crs:EPSG::27700");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("features");
        foreach (var a in geo.Areas)
        {
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WriteStartObject("properties");
            w.WriteString("LSOA21CD", a.Code);
            w.WriteString("LSOA21NM", a.Name);
            w.WriteString("LADCD_ACTIVE", a.District.Code);
            w.WriteEndObject();
            w.WriteStartObject("geometry");
            var polys = a.Shape is MultiPolygon mp ? mp.Geometries.Cast<Polygon>().ToArray() : [(Polygon)a.Shape];
            w.WriteString("type", polys.Length == 1 ? "Polygon" : "MultiPolygon");
            w.WritePropertyName("coordinates");
            if (polys.Length > 1) w.WriteStartArray();
            foreach (var p in polys)
            {
                w.WriteStartArray();
                WriteRing(w, p.ExteriorRing);
                foreach (var hole in p.InteriorRings) WriteRing(w, hole);
                w.WriteEndArray();
            }
            if (polys.Length > 1) w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            // A newline per feature keeps the file diffable and streamable line by line.
            w.Flush();
            stream.WriteByte((byte)'\n');
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
        return geo.Areas.Count;
    }

    private static void WriteRing(Utf8JsonWriter w, LineString ring)
    {
        w.WriteStartArray();
        foreach (var c in ring.Coordinates)
        {
            w.WriteStartArray();
            w.WriteNumberValue(Math.Round(c.X, 1));
            w.WriteNumberValue(Math.Round(c.Y, 1));
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    internal static readonly IReadOnlyDictionary<string, double> FirstTimeEntrantsPer100k =
        new SortedDictionary<string, double>(StringComparer.Ordinal) { ["F"] = 70, ["M"] = 230 };

    internal static readonly (string Band, int Lo, int Hi, double QuarterlyCohortShare, double Reoffending)[] AdultBands =
    [
        ("18-20", 18, 20, 0.0040, 0.33), ("21-24", 21, 24, 0.0035, 0.31), ("25-34", 25, 34, 0.0030, 0.28),
        ("35-49", 35, 49, 0.0020, 0.25), ("50+", 50, 90, 0.0006, 0.16),
    ];

    internal const double YouthQuarterlyCohortShare = 0.0015;
    internal const double YouthReoffending = 0.32;

    internal static readonly IReadOnlyDictionary<string, double> ProbationShare =
        new SortedDictionary<string, double>(StringComparer.Ordinal) { ["F"] = 0.0015, ["M"] = 0.009 };

    private static long WriteJustice(SyntheticGeography geo, string outDir, DateTime[] months, int seed)
    {
        var rng = new Random(Seeds.Mix(seed, 4, 0));
        double DepWeight(Area a) => a.Total * Math.Exp(EventGenerator.DeprivationCoefficient * (10 - a.Decile));
        var meanDep = geo.Areas.Sum(DepWeight) / geo.Areas.Sum(a => (double)a.Total);
        using var csv = new CsvFile(Path.Combine(outDir, "justice-cohort.csv"), SchemaHeader("justice-cohort"));
        for (var q = 0; q + 2 < months.Length; q += 3)
        {
            var start = months[q];
            var end = months[q + 2].AddMonths(1).AddDays(-1);
            var s = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var e = end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var d in geo.Districts)
            {
                long Sum(Func<Area, int, int> pick, int lo, int hi)
                {
                    long t = 0;
                    foreach (var a in d.Areas) for (var age = lo; age <= hi; age++) t += pick(a, age);
                    return t;
                }
                var rel = d.Areas.Sum(DepWeight) / d.Areas.Sum(a => (double)a.Total) / meanDep;
                var trend = Math.Pow(1 + d.AnnualTrend, (q + 1) / 12.0);
                void Row(string kind, string band, string sex, long count, long? denominator)
                {
                    csv.Add(s).Add(e).Add(d.Code).Add(kind).Add(band).Add(sex).Add(count).Add(denominator?.ToString(CultureInfo.InvariantCulture));
                    csv.EndRow();
                }
                var youthF = Sum((a, age) => a.Female[age], 10, 17);
                var youthM = Sum((a, age) => a.Male[age], 10, 17);
                Row("youth_first_time_entrants", "10-17", "F", Rand.Poisson(rng, FirstTimeEntrantsPer100k["F"] / 1e5 / 4 * youthF * rel * trend), youthF);
                Row("youth_first_time_entrants", "10-17", "M", Rand.Poisson(rng, FirstTimeEntrantsPer100k["M"] / 1e5 / 4 * youthM * rel * trend), youthM);
                var youthCohort = Rand.Poisson(rng, YouthQuarterlyCohortShare * (youthF + youthM) * rel * trend);
                Row("youth_reoffending", "10-17", "all", Rand.Binomial(rng, youthCohort, YouthReoffending), youthCohort);
                foreach (var b in AdultBands)
                {
                    var pop = Sum((a, age) => a.Female[age] + a.Male[age], b.Lo, b.Hi);
                    var cohort = Rand.Poisson(rng, b.QuarterlyCohortShare * pop * rel * trend);
                    Row("adult_reoffending", b.Band, "all", Rand.Binomial(rng, cohort, b.Reoffending), cohort);
                }
                var adultsF = Sum((a, age) => a.Female[age], 18, 90);
                var adultsM = Sum((a, age) => a.Male[age], 18, 90);
                Row("adult_probation_caseload", "all", "F", Rand.Poisson(rng, ProbationShare["F"] * adultsF * rel * trend), null);
                Row("adult_probation_caseload", "all", "M", Rand.Poisson(rng, ProbationShare["M"] * adultsM * rel * trend), null);
            }
        }
        return csv.Rows;
    }

    private static SyntheticGroundTruth BuildGroundTruth(
        SyntheticOptions options, SyntheticGeography geo, DateTime[] months, SortedDictionary<string, long> counts,
        List<HotspotPlan> hotspots, double daProbability, IReadOnlyDictionary<string, double> baseRates)
    {
        static string Ym(DateTime d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var vwiNonDa = OffenceCatalogue.Get(Family.ViolenceWithInjury).Offences;
        var vwiDa = OffenceCatalogue.DomesticViolenceWithInjury;
        double Share(Offence[] mix, Func<Offence, double> p) => mix.Sum(o => o.Share * p(o)) / mix.Sum(o => o.Share);
        var da = EventGenerator.TargetDaShare;
        var knife = da * Share(vwiDa, o => o.Knife) + (1 - da) * Share(vwiNonDa, o => o.Knife);
        var firearm = da * Share(vwiDa, o => o.Firearm) + (1 - da) * Share(vwiNonDa, o => o.Firearm);
        var hotspotFamilies = OffenceCatalogue.Families.Where(f => f.HotspotPerMonth > 0).ToArray();
        return new SyntheticGroundTruth
        {
            Seed = options.Seed,
            Scale = options.Scale.ToString(),
            StartMonth = Ym(months[0]),
            EndMonth = Ym(months[^1]),
            ModelDescription =
                "Police events per area, offence family and month ~ Poisson(base_f x residents x exp(deprivationCoef x (10 - IMD decile)) " +
                "x NTE (town-centre areas, NTE families) x (1 + A cos(2 pi (calendar month - peak) / 12)) x (1 + districtTrend)^(monthIndex / 12) " +
                "x daysInMonth / 365.25), plus hotspot events uniform in circles (extraEventsPerMonth x season x trend x days/30.44) while active. " +
                "Recorded dates fall in the month; offence times precede them by a lag. NTE excess events are Friday/Saturday 21:00-03:59 in public places. " +
                "Domestic abuse only among ordinary (non-NTE, non-hotspot) events. ED: each police violence-with-injury event attends ED with probability p; " +
                "unreported ED assaults ~ Poisson(3 x p x the same lambda); admissions and ambulance calls follow ED attendances by assault method. " +
                "Street snap points: 3-6 per area; force extract easting/northing are the true location rounded to 10 m. Anti-social behaviour appears only " +
                "in police.uk street files (no Home Office code, so not in the force crime extract).",
            RateModel = new SyntheticRateModel
            {
                BaseRatePerThousandPerYear = baseRates,
                DeprivationLogRatePerDecileStep = EventGenerator.DeprivationCoefficient,
                SeasonAmplitude = EventGenerator.SeasonAmplitude,
                SeasonPeakMonth = EventGenerator.SeasonPeakMonth,
                NightTimeEconomyEffect = EventGenerator.NteEffect,
                NightTimeEconomyFamilies = OffenceCatalogue.Families.Where(f => f.NightTimeEconomy).Select(f => f.Name).ToArray(),
                AreasByType = new SortedDictionary<string, int>(
                    geo.Areas.GroupBy(a => a.Type.ToString()).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal),
            },
            Hotspots = hotspots.Select(h => new PlantedHotspot(
                h.Id, h.Kind, h.X, h.Y, h.Radius, Ym(months[h.FirstMonth]), Ym(months[h.LastMonth]),
                new SortedDictionary<string, double>(hotspotFamilies.ToDictionary(f => f.Name, f => Math.Round(f.HotspotPerMonth * h.Intensity, 4)), StringComparer.Ordinal),
                h.District.Code)).ToArray(),
            Districts = geo.Districts.Select(d => new DistrictTruth(d.Code, d.Name, d.IsCity, d.AnnualTrend, d.Areas.Sum(a => (long)a.Total), d.Areas.Count)).ToArray(),
            Flags = new SyntheticFlagModel
            {
                TargetDomesticAbuseShareOfViolenceWithInjury = Math.Round(da, 6),
                DomesticAbuseProbabilityOutsideNteAndHotspots = Math.Round(daProbability, 6),
                ExpectedKnifeShareOfViolenceWithInjury = Math.Round(knife, 6),
                ExpectedFirearmShareOfViolenceWithInjury = Math.Round(firearm, 6),
                DomesticAbuseDwellingShare = EventGenerator.DomesticDwellingShare,
            },
            Health = new SyntheticHealthModel
            {
                EdAttendanceProbabilityPerPoliceViolenceWithInjury = EventGenerator.EdProbability,
                EdShareAlsoInPolice = EventGenerator.EdShareInPolice,
                AdmissionProbabilityByMethod = EventGenerator.AdmissionProbability,
                AmbulanceProbabilityByMethod = EventGenerator.AmbulanceProbability,
                NonConveyedCallProbability = EventGenerator.NonConveyedCallProbability,
                LinkageNote = "ED attendances linked to a police violence-with-injury event carry the same LSOA and assault date-time (to the second) as the police offence date-time, unless blanked as missing.",
            },
            Justice = new SyntheticJusticeModel
            {
                FirstTimeEntrantsPer100kPerYear = FirstTimeEntrantsPer100k,
                ReoffendingRate = new SortedDictionary<string, double>(
                    AdultBands.ToDictionary(b => "adult " + b.Band, b => b.Reoffending), StringComparer.Ordinal) { ["youth 10-17"] = YouthReoffending },
                ProbationCaseloadShare = ProbationShare,
            },
            RealisedCounts = counts,
        };
    }
}
