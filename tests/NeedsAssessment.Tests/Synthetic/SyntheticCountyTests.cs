using System.Globalization;
using System.Text.Json;
using NeedsAssessment.Synthetic;
using Xunit.Abstractions;

namespace NeedsAssessment.Tests.Synthetic;

public class SyntheticCountyTests(SyntheticCountyFixture data, ITestOutputHelper output) : IClassFixture<SyntheticCountyFixture>
{
    private static readonly HashSet<string> ViolenceWithInjuryCodes = ["8N", "5D", "8S", "8P", "2", "5E"];

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void Writes_every_dataset_kind_with_rows_and_a_police_street_file_per_month()
    {
        foreach (var (kind, n) in data.Result.RowsByKind) output.WriteLine($"{kind}: {n} rows in {data.Result.FilesByKind[kind].Count} file(s)");
        string[] kinds =
        [
            "police-street", "police-recorded-crime", "health-ed-assault", "health-admission", "ambulance-assault", "justice-cohort",
            "population-syoa", "population", "deprivation", "deprivation-domains", "geography", "lsoa-lookup", "centroids", "boundaries",
        ];
        foreach (var kind in kinds) Assert.True(data.Result.RowsByKind[kind] > 0, kind);
        Assert.Equal(36, data.Result.FilesByKind["police-street"].Count);
        Assert.All(data.Result.FilesByKind["police-street"], f => Assert.Matches(@"\d{4}-\d{2}-synthshire-street\.csv$", f));
        Assert.InRange(data.Result.RowsByKind["geography"], 480, 520);
        // About 300,000 police events in five years, so about 180,000 in three.
        Assert.InRange(data.Result.RowsByKind["police-street"], 150_000, 220_000);
    }

    [Fact]
    public void Every_csv_header_equals_the_schema_source_names_in_order()
    {
        foreach (var (kind, files) in data.Result.FilesByKind)
        {
            if (kind == "boundaries") continue;
            foreach (var file in files)
            {
                var firstLine = File.ReadLines(file).First();
                Assert.Equal(string.Join(',', SchemaCheck.SourceNames(kind).Select(h => h.Contains(',') ? $"\"{h}\"" : h)), firstLine);
            }
        }
    }

    [Fact]
    public void Every_value_satisfies_its_schema_type_pattern_enum_range_and_uniqueness()
    {
        var errors = new List<string>();
        foreach (var (kind, files) in data.Result.FilesByKind)
        {
            if (kind == "boundaries") continue;
            // A kind in one file is the fixture's parsed copy, which the other checks read too (the crime file is 23 MB).
            foreach (var file in files) errors.AddRange(SchemaCheck.Violations(kind, files.Count == 1 ? data.Read(kind) : Csv.Load(file), Path.GetFileName(file)));
        }
        Assert.Empty(errors);
    }

    [Fact]
    public void Files_are_utf8_without_bom_with_lf_line_endings()
    {
        foreach (var file in data.Result.FilesByKind.Values.SelectMany(f => f).Append(data.Result.GroundTruthPath))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, file);
            // A span search, not Assert.DoesNotContain over the bytes: xunit walks a collection item by item, which over the
            // county's tens of megabytes took seconds a file.
            var cr = bytes.AsSpan().IndexOf((byte)'\r');
            Assert.True(cr < 0, $"{file}: carriage return at byte {cr}");
        }
    }

    [Fact]
    public void Boundaries_are_a_bng_feature_collection_with_schema_properties_for_every_area()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(data.Result.FilesByKind["boundaries"].Single()));
        var root = doc.RootElement;
        Assert.Equal("FeatureCollection", root.GetProperty("type").GetString());
        Assert.Equal("urn:ogc:def:crs:EPSG::27700", root.GetProperty("crs").GetProperty("properties").GetProperty("name").GetString());
        var codes = data.Read("geography").Rows.Select(r => r[0]).ToHashSet();
        var features = root.GetProperty("features").EnumerateArray().ToArray();
        Assert.Equal(codes.Count, features.Length);
        foreach (var f in features)
        {
            var p = f.GetProperty("properties");
            Assert.Matches("^Z01\\d{6}$", p.GetProperty("LSOA21CD").GetString());
            Assert.Contains(p.GetProperty("LSOA21CD").GetString()!, codes);
            Assert.Matches("^Z07\\d{6}$", p.GetProperty("LADCD_ACTIVE").GetString());
            Assert.False(string.IsNullOrEmpty(p.GetProperty("LSOA21NM").GetString()));
            Assert.Contains(f.GetProperty("geometry").GetProperty("type").GetString(), new[] { "Polygon", "MultiPolygon" });
        }
        var first = features[0].GetProperty("geometry").GetProperty("coordinates");
        while (first[0].ValueKind == JsonValueKind.Array) first = first[0];
        Assert.InRange(first[0].GetDouble(), 400000, 530000);
    }

    [Fact]
    public void Geography_has_eight_districts_one_partnership_and_about_1500_residents_per_area()
    {
        var geo = data.Read("geography");
        Assert.Equal(8, geo.Rows.Select(r => r[geo.Col("district_code")]).Distinct().Count());
        Assert.Single(geo.Rows.Select(r => r[geo.Col("partnership_code")]).Distinct());
        var pop = data.Read("population-syoa");
        var totals = pop.Rows.Select(r => int.Parse(r[2], CultureInfo.InvariantCulture)).ToArray();
        Assert.InRange(totals.Average(), 1300, 1700);
        foreach (var r in pop.Rows)
            Assert.Equal(int.Parse(r[2], CultureInfo.InvariantCulture), r.Skip(3).Sum(v => int.Parse(v, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Domestic_abuse_is_a_third_of_violence_with_injury_within_two_points_and_mostly_in_dwellings()
    {
        var crime = data.Read("police-recorded-crime");
        int code = crime.Col("HO Offence Code"), da = crime.Col("Domestic Abuse Flag"), loc = crime.Col("Location Type");
        var vwi = crime.Rows.Where(r => ViolenceWithInjuryCodes.Contains(r[code])).ToList();
        var daRows = vwi.Where(r => r[da] == "Y").ToList();
        var share = (double)daRows.Count / vwi.Count;
        output.WriteLine($"VWI {vwi.Count}, DA share {share:F4}, target {data.Truth.Flags.TargetDomesticAbuseShareOfViolenceWithInjury}");
        Assert.InRange(share, data.Truth.Flags.TargetDomesticAbuseShareOfViolenceWithInjury - 0.02, data.Truth.Flags.TargetDomesticAbuseShareOfViolenceWithInjury + 0.02);
        Assert.True(daRows.Count(r => r[loc] == "dwelling") > 0.75 * daRows.Count);
    }

    [Fact]
    public void Knife_share_of_violence_with_injury_is_five_to_seven_percent_and_firearms_are_rare()
    {
        var crime = data.Read("police-recorded-crime");
        int code = crime.Col("HO Offence Code"), weapon = crime.Col("Weapon");
        var vwi = crime.Rows.Where(r => ViolenceWithInjuryCodes.Contains(r[code])).ToList();
        var knife = (double)vwi.Count(r => r[weapon] == "knife_or_sharp_instrument") / vwi.Count;
        var firearm = (double)vwi.Count(r => r[weapon] == "firearm") / vwi.Count;
        output.WriteLine($"knife {knife:F4} (expected {data.Truth.Flags.ExpectedKnifeShareOfViolenceWithInjury}), firearm {firearm:F4}");
        Assert.InRange(knife, 0.05, 0.07);
        Assert.InRange(firearm, 0, 0.005);
    }

    [Fact]
    public void About_a_quarter_of_ed_assaults_match_police_violence_with_injury_on_lsoa_and_time()
    {
        var crime = data.Read("police-recorded-crime");
        int code = crime.Col("HO Offence Code"), lsoa = crime.Col("LSOA Code"), when = crime.Col("Offence Date Time");
        var police = crime.Rows.Where(r => ViolenceWithInjuryCodes.Contains(r[code]) && r[when] != "")
            .Select(r => (r[lsoa], r[when])).ToHashSet();
        var ed = data.Read("health-ed-assault");
        int edLsoa = ed.Col("LSOA Code"), edWhen = ed.Col("Assault Date Time");
        var known = ed.Rows.Where(r => r[edLsoa] != "" && r[edWhen] != "").ToList();
        var matched = known.Count(r => police.Contains((r[edLsoa], r[edWhen])));
        var share = (double)matched / known.Count;
        output.WriteLine($"ED {ed.Rows.Count}, with place and time {known.Count}, in police {matched} ({share:F4})");
        Assert.InRange(share, data.Truth.Health.EdShareAlsoInPolice - 0.03, data.Truth.Health.EdShareAlsoInPolice + 0.03);
    }

    [Fact]
    public void Violence_peaks_in_the_ground_truth_season_peak_month()
    {
        var crime = data.Read("police-recorded-crime");
        int code = crime.Col("HO Offence Code"), rec = crime.Col("Recorded Date");
        var perDay = new double[13];
        foreach (var r in crime.Rows.Where(r => ViolenceWithInjuryCodes.Contains(r[code]) || r[code] == "105A"))
        {
            var d = DateTime.ParseExact(r[rec], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            perDay[d.Month] += 1.0 / DateTime.DaysInMonth(d.Year, d.Month);
        }
        // First harmonic of the calendar-month profile: its phase is the peak month.
        double s = 0, c = 0;
        for (var m = 1; m <= 12; m++) { s += perDay[m] * Math.Sin(2 * Math.PI * m / 12); c += perDay[m] * Math.Cos(2 * Math.PI * m / 12); }
        var peak = Math.Atan2(s, c) * 12 / (2 * Math.PI);
        if (peak <= 0.5) peak += 12;
        output.WriteLine($"estimated peak month {peak:F2}, truth {data.Truth.RateModel.SeasonPeakMonth}");
        Assert.InRange(peak, data.Truth.RateModel.SeasonPeakMonth - 0.5, data.Truth.RateModel.SeasonPeakMonth + 0.5);
        // The busiest single month may be a neighbour of the peak by chance, but no further away.
        Assert.InRange(Array.IndexOf(perDay, perDay.Max()), data.Truth.RateModel.SeasonPeakMonth - 1, data.Truth.RateModel.SeasonPeakMonth + 1);
    }

    private List<(double X, double Y, DateTime Month)> PoliceEvents()
    {
        var crime = data.Read("police-recorded-crime");
        int e = crime.Col("Easting"), n = crime.Col("Northing"), rec = crime.Col("Recorded Date");
        return crime.Rows.Select(r => (D(r[e]), D(r[n]), DateTime.ParseExact(r[rec][..7], "yyyy-MM", CultureInfo.InvariantCulture))).ToList();
    }

    [Fact]
    public void Planted_hotspots_carry_significantly_more_events_than_the_ring_around_them()
    {
        var events = PoliceEvents();
        Assert.True(data.Truth.Hotspots.Count >= 5);
        Assert.Contains(data.Truth.Hotspots, h => h.Kind == "emerging");
        Assert.Contains(data.Truth.Hotspots, h => h.Kind == "former");
        foreach (var h in data.Truth.Hotspots)
        {
            var from = DateTime.ParseExact(h.StartMonth, "yyyy-MM", CultureInfo.InvariantCulture);
            var to = DateTime.ParseExact(h.EndMonth, "yyyy-MM", CultureInfo.InvariantCulture);
            long inside = 0, ring = 0;
            foreach (var (x, y, m) in events)
            {
                if (m < from || m > to) continue;
                var d = Math.Sqrt((x - h.X) * (x - h.X) + (y - h.Y) * (y - h.Y));
                if (d <= h.RadiusMetres) inside++;
                else if (d <= 2 * h.RadiusMetres) ring++;
            }
            // Under equal density the disc holds a quarter of disc-plus-ring events (area pi r^2 of 4 pi r^2).
            var total = inside + ring;
            var z = (inside - total / 4.0) / Math.Sqrt(total * 3 / 16.0);
            output.WriteLine($"{h.Id} {h.Kind}: inside {inside}, ring {ring}, z {z:F1}");
            Assert.True(z > 5, $"{h.Id}: z = {z:F1}");
        }
    }

    [Fact]
    public void Emerging_hotspot_rises_only_in_its_active_months_and_former_hotspot_fades_after()
    {
        var events = PoliceEvents();
        foreach (var h in data.Truth.Hotspots.Where(h => h.Kind is "emerging" or "former"))
        {
            var from = DateTime.ParseExact(h.StartMonth, "yyyy-MM", CultureInfo.InvariantCulture);
            var to = DateTime.ParseExact(h.EndMonth, "yyyy-MM", CultureInfo.InvariantCulture);
            var monthsActive = (to.Year - from.Year) * 12 + to.Month - from.Month + 1;
            var monthsQuiet = 36 - monthsActive;
            double active = 0, quiet = 0;
            foreach (var (x, y, m) in events)
            {
                if ((x - h.X) * (x - h.X) + (y - h.Y) * (y - h.Y) > h.RadiusMetres * h.RadiusMetres) continue;
                if (m >= from && m <= to) active++; else quiet++;
            }
            output.WriteLine($"{h.Id} {h.Kind}: {active / monthsActive:F1}/month active vs {quiet / monthsQuiet:F1}/month otherwise");
            Assert.True(active / monthsActive > 2 * quiet / monthsQuiet, h.Id);
        }
    }

    [Fact]
    public void Trend_district_grows_about_twelve_percent_a_year_and_the_others_are_flat()
    {
        var geo = data.Read("geography");
        var districtOf = geo.Rows.ToDictionary(r => r[0], r => r[geo.Col("district_code")]);
        var crime = data.Read("police-recorded-crime");
        int e = crime.Col("Easting"), n = crime.Col("Northing"), rec = crime.Col("Recorded Date"), lsoa = crime.Col("LSOA Code");
        var first = DateTime.ParseExact(data.Truth.StartMonth, "yyyy-MM", CultureInfo.InvariantCulture);
        var counts = new Dictionary<string, double[]>();
        foreach (var r in crime.Rows)
        {
            double x = D(r[e]), y = D(r[n]);
            // Planted hotspots are a separate process; leave them out of the background trend.
            if (data.Truth.Hotspots.Any(h => (x - h.X) * (x - h.X) + (y - h.Y) * (y - h.Y) <= 4 * h.RadiusMetres * h.RadiusMetres)) continue;
            var d = DateTime.ParseExact(r[rec], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var year = ((d.Year - first.Year) * 12 + d.Month - first.Month) / 12;
            var district = districtOf[r[lsoa]];
            if (!counts.TryGetValue(district, out var c)) counts[district] = c = new double[3];
            c[year]++;
        }
        foreach (var t in data.Truth.Districts)
        {
            var c = counts[t.Code];
            var growth = Math.Sqrt(c[2] / c[0]) - 1;
            output.WriteLine($"{t.Code} {t.Name}: truth {t.AnnualTrend:P0}, estimated {growth:P1} ({c[0]} -> {c[2]})");
            Assert.InRange(growth, t.AnnualTrend - 0.04, t.AnnualTrend + 0.04);
        }
        Assert.Single(data.Truth.Districts, t => t.AnnualTrend > 0.1);
    }

    [Fact]
    public void Police_street_rows_look_like_police_uk()
    {
        var file = data.Result.FilesByKind["police-street"][^1];
        var street = Csv.Load(file);
        int id = street.Col("Crime ID"), type = street.Col("Crime type"), outcome = street.Col("Last outcome category"), loc = street.Col("Location");
        var asb = street.Rows.Where(r => r[type] == "Anti-social behaviour").ToList();
        Assert.NotEmpty(asb);
        Assert.All(asb, r => { Assert.Equal("", r[id]); Assert.Equal("", r[outcome]); });
        var crimes = street.Rows.Where(r => r[type] != "Anti-social behaviour").ToList();
        Assert.All(crimes, r => Assert.Matches("^[0-9a-f]{64}$", r[id]));
        Assert.Equal(crimes.Count, crimes.Select(r => r[id]).Distinct().Count());
        Assert.All(street.Rows, r => Assert.True(r[loc] == "No Location" || r[loc].StartsWith("On or near ", StringComparison.Ordinal)));
        var share = (double)street.Rows.Count(r => r[type] == "Violence and sexual offences") / street.Rows.Count;
        Assert.InRange(share, 0.3, 0.5);
        Assert.True(street.Rows.Select(r => r[type]).Distinct().Count() >= 13);
    }

    [Fact]
    public void Admissions_use_assault_codes_with_a_sharp_object_share_in_line_with_knife_crime()
    {
        var adm = data.Read("health-admission");
        var cause = adm.Col("ICD10 External Cause");
        var x99 = (double)adm.Rows.Count(r => r[cause] == "X99") / adm.Rows.Count;
        output.WriteLine($"admissions {adm.Rows.Count}, X99 share {x99:F3}");
        Assert.InRange(x99, 0.12, 0.35);
        var ed = data.Read("health-ed-assault");
        Assert.InRange((double)adm.Rows.Count / ed.Rows.Count, 0.02, 0.15);
    }

    [Fact]
    public void Justice_cohorts_cover_every_district_and_quarter_with_sensible_rates()
    {
        var j = data.Read("justice-cohort");
        int kind = j.Col("Cohort Kind"), count = j.Col("Count"), den = j.Col("Denominator"), geo = j.Col("Geography Code"), start = j.Col("Period Start");
        Assert.Equal(8, j.Rows.Select(r => r[geo]).Distinct().Count());
        Assert.Equal(12, j.Rows.Select(r => r[start]).Distinct().Count());
        var fte = j.Rows.Where(r => r[kind] == "youth_first_time_entrants").ToList();
        // Each row is one quarter, so the summed denominator counts every 10-17 resident once per quarter.
        var ratePer100kYear = fte.Sum(r => D(r[count])) / fte.Sum(r => D(r[den])) * 4 * 1e5;
        output.WriteLine($"FTE rate per 100k 10-17 per year {ratePer100kYear:F0}");
        Assert.InRange(ratePer100kYear, 100, 220);
        var reoff = j.Rows.Where(r => r[kind] is "adult_reoffending" or "youth_reoffending").ToList();
        Assert.All(reoff, r => Assert.True(D(r[count]) <= D(r[den])));
        var share = reoff.Sum(r => D(r[count])) / reoff.Sum(r => D(r[den]));
        Assert.InRange(share, 0.2, 0.35);
    }

    [Fact]
    public void Ground_truth_records_model_parameters_hotspots_trends_and_seed()
    {
        var t = data.Truth;
        Assert.Equal(42, t.Seed);
        Assert.Equal("2025-03", t.EndMonth);
        Assert.Equal(0.12, t.RateModel.DeprivationLogRatePerDecileStep);
        Assert.Equal(18, t.RateModel.BaseRatePerThousandPerYear.Count);
        Assert.Equal(8, t.Districts.Count);
        Assert.Equal(4, t.Hotspots.Count(h => h.Kind == "persistent"));
        Assert.InRange(t.Flags.DomesticAbuseProbabilityOutsideNteAndHotspots, 0.34, 0.6);
        Assert.Equal(0.25, t.Health.EdShareAlsoInPolice);
        Assert.True(t.RealisedCounts["police_events.violence_with_injury"] > 10_000);
        Assert.All(t.RateModel.AreasByType, kv => Assert.True(kv.Value >= 5, kv.Key));
        Assert.Contains("Poisson", t.ModelDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void Acquisitive_and_damage_crime_rates_rise_with_deprivation_by_the_ground_truth_coefficient()
    {
        // These families have no night-time-economy or hotspot terms, so their rate is population x exp(coef x (10 - decile)).
        HashSet<string> codes = ["28E", "28F", "30C", "29", "31", "46", "49", "40", "41", "47", "44", "45", "48", "126", "37.2", "58A", "58B", "58C", "58D", "56A", "56B", "58J", "59"];
        var dep = data.Read("deprivation");
        var decileOf = dep.Rows.ToDictionary(r => r[0], r => int.Parse(r[5], CultureInfo.InvariantCulture));
        var popOf = data.Read("population-syoa").Rows.ToDictionary(r => r[0], r => D(r[2]));
        var crime = data.Read("police-recorded-crime");
        int code = crime.Col("HO Offence Code"), lsoa = crime.Col("LSOA Code");
        var events = new double[11];
        var pop = new double[11];
        // Rural areas' rates carry the planted rural/urban gap: their residents count at the rural factor.
        var ruc = data.Read("rural-urban");
        var flag = ruc.Col("Urban_rural_flag");
        var gap = ruc.Rows.ToDictionary(r => r[0], r => r[flag] == "Rural" ? data.Truth.RuralUrban!.RuralRateFactor : 1.0);
        foreach (var (area, decile) in decileOf) pop[decile] += popOf[area] * gap[area];
        foreach (var r in crime.Rows) if (codes.Contains(r[code])) events[decileOf[r[lsoa]]]++;
        // Population-weighted least squares of log rate on decile.
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (var d = 1; d <= 10; d++)
        {
            if (events[d] < 50) continue;
            var w = pop[d];
            var y = Math.Log(events[d] / pop[d]);
            sw += w; sx += w * d; sy += w * y; sxx += w * d * d; sxy += w * d * y;
        }
        var slope = (sw * sxy - sx * sy) / (sw * sxx - sx * sx);
        output.WriteLine($"log rate per decile step {slope:F4}, truth -{data.Truth.RateModel.DeprivationLogRatePerDecileStep}");
        Assert.InRange(-slope, data.Truth.RateModel.DeprivationLogRatePerDecileStep - 0.03, data.Truth.RateModel.DeprivationLogRatePerDecileStep + 0.03);
    }

    [Fact]
    public void DuckDB_read_csv_reads_every_row_of_every_csv_file_with_its_published_header()
    {
        using var c = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        c.Open();
        foreach (var (kind, files) in data.Result.FilesByKind)
        {
            if (kind == "boundaries") continue;
            long rows = 0;
            foreach (var file in files)
            {
                // One read gives both: the rows counted and, as the names of any_value's columns, the header DuckDB bound.
                // Each read_csv binds by sniffing the file (about 50 ms even for a small one), so a count and a separate
                // DESCRIBE cost two sniffs per file: about half this test's CPU on the three-year county's 49 files.
                using var cmd = c.CreateCommand();
                cmd.CommandText = $"SELECT count(*), any_value(COLUMNS(*)) FROM read_csv('{file.Replace("'", "''", StringComparison.Ordinal)}', header = true, all_varchar = true)";
                using var reader = cmd.ExecuteReader();
                Assert.True(reader.Read());
                rows += reader.GetInt64(0);
                var names = Enumerable.Range(1, reader.FieldCount - 1).Select(reader.GetName).ToList();
                Assert.Equal(SchemaCheck.SourceNames(kind), names);
            }
            Assert.Equal(data.Result.RowsByKind[kind], rows);
        }
    }
}
