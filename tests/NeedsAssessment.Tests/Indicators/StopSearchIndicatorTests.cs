using System.Globalization;
using NeedsAssessment.Classify;
using NeedsAssessment.Geography;
using NeedsAssessment.Indicators;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Indicators;

/// <summary>
/// police.uk stop and search records placed in LSOAs from their coordinates, and the weapons search indicators, against
/// a recount made here: the fixture draws boundaries and centroids around published points, so where each record must
/// land is known from the construction, and the counts, rates and shares are summed from that list.
/// </summary>
public sealed class StopSearchIndicatorTests
{
    private const string Outside = "E01999999";

    /// <summary>A point as police.uk publishes it (six decimals), and its British National Grid position.</summary>
    private sealed record Point(double Lon, double Lat)
    {
        public double X => BritishNationalGrid.FromLonLat(Lon, Lat).X;

        public double Y => BritishNationalGrid.FromLonLat(Lon, Lat).Y;
    }

    /// <summary>One search: where, what for, its outcome, the UTC time as published, and where the rule must put it.</summary>
    private sealed record Search(Point? At, string Object, string Outcome, bool? Linked, string Utc, string? ExpectedLsoa, string ExpectedBy, string ExpectedMonth);

    private static readonly Point A = new(-1.080000, 53.960000), B = new(-1.070000, 53.960000), C = new(-1.000000, 53.960000),
        D = new(-0.900000, 53.960000), E = new(-1.090000, 53.960000), F = new(-1.200000, 53.960000);

    private static string Square(double x0, double y0, double x1, double y1) =>
        FormattableString.Invariant($"{{\"type\":\"Polygon\",\"coordinates\":[[[{x0:R},{y0:R}],[{x1:R},{y0:R}],[{x1:R},{y1:R}],[{x0:R},{y1:R}],[{x0:R},{y0:R}]]]}}");

    private static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    [Fact]
    public void Searches_are_placed_by_boundary_then_nearest_centroid_and_the_weapons_rate_and_find_share_recount()
    {
        using var f = new IndicatorFixture();
        var store = f.Store;
        var (l1, l2, l3, l4) = (IndicatorFixture.L1, IndicatorFixture.L2, IndicatorFixture.L3, IndicatorFixture.L4);
        // L1 spans from 300 m west of A to B; L2 from B 600 m east, so B lies on their shared edge (the lower code, L1, takes it).
        // E lies 650 m west of A, outside every boundary: L1's centroid sits at A, but L1 has a boundary, so its centroid
        // never places E, and no centroid of an LSOA without a boundary is within 5 km. L3 (no boundary) has its centroid
        // 1 km east of C; L4's is 3 km north of that; D is farther than 5 km from both. F is inside an LSOA of another area.
        var (y0, y1) = (Math.Min(A.Y, B.Y) - 300, Math.Max(A.Y, B.Y) + 300);
        var c3 = (X: C.X + 1000, Y: C.Y);
        var c4 = (X: C.X + 1000, Y: C.Y + 3000);
        Assert.True(Math.Sqrt(Math.Pow(D.X - c3.X, 2) + Math.Pow(D.Y - c3.Y, 2)) > StopSearchPlacement.MaxCentroidMetres);
        Assert.True(Math.Sqrt(Math.Pow(D.X - c4.X, 2) + Math.Pow(D.Y - c4.Y, 2)) > StopSearchPlacement.MaxCentroidMetres);
        Assert.True(Math.Sqrt(Math.Pow(E.X - c3.X, 2) + Math.Pow(E.Y - c3.Y, 2)) > StopSearchPlacement.MaxCentroidMetres);
        store.Execute($"""
            INSERT INTO boundaries (load_id, source_row, lsoa21_code, lsoa21_name, lad_code, geometry, crs) VALUES
            (20, 1, '{l1}', 'L1', 'E07000163', '{Square(A.X - 300, y0, B.X, y1)}', 'EPSG:27700'),
            (20, 2, '{l2}', 'L2', 'E07000163', '{Square(B.X, y0, B.X + 600, y1)}', 'EPSG:27700'),
            (20, 3, '{Outside}', 'Elsewhere', 'E08000001', '{Square(F.X - 300, F.Y - 300, F.X + 300, F.Y + 300)}', 'EPSG:27700');
            INSERT INTO centroids (load_id, source_row, fid, lsoa21_code, global_id, x, y) VALUES
            (21, 1, 1, '{l1}', 'g1', {N(A.X)}, {N(A.Y)}),
            (21, 2, 2, '{l3}', 'g3', {N(c3.X)}, {N(c3.Y)}),
            (21, 3, 3, '{l4}', 'g4', {N(c4.X)}, {N(c4.Y)});
            """);

        const string Weapons = "Offensive weapons", Nfa = "A no further action disposal";
        Search[] searches =
        [
            new(A, Weapons, "Arrest", true, "2023-06-10 12:00:00", l1, "boundary", "2023-06"),
            new(A, "Firearms", "Arrest", false, "2023-06-11 12:00:00", l1, "boundary", "2023-06"),
            new(A, "Controlled drugs", "Arrest", true, "2023-06-12 12:00:00", l1, "boundary", "2023-06"),
            // 23:30 UTC on 31 May is 00:30 on 1 June in the UK (BST): June's file.
            new(A, "Anything to threaten or harm anyone", Nfa, null, "2023-05-31 23:30:00", l1, "boundary", "2023-06"),
            // 23:30 UTC on 30 June is July in the UK.
            new(A, Weapons, "Arrest", true, "2023-06-30 23:30:00", l1, "boundary", "2023-07"),
            new(B, Weapons, "Arrest", null, "2023-06-13 12:00:00", l1, "boundary", "2023-06"),
            new(B, Weapons, "Summons / charged by post", true, "2023-06-14 12:00:00", l1, "boundary", "2023-06"),
            new(C, Weapons, "Arrest", true, "2023-06-15 12:00:00", l3, "nearest centroid", "2023-06"),
            new(C, "Stolen goods", Nfa, null, "2023-06-16 12:00:00", l3, "nearest centroid", "2023-06"),
            new(D, Weapons, Nfa, null, "2023-06-17 12:00:00", null, "not placed", "2023-06"),
            new(E, "Firearms", Nfa, null, "2023-06-18 12:00:00", null, "not placed", "2023-06"),
            new(F, Weapons, "Arrest", true, "2023-06-19 12:00:00", Outside, "boundary", "2023-06"),
            new(null, Weapons, "Arrest", true, "2023-06-20 12:00:00", null, "no location", "2023-06"),
        ];
        var values = searches.Select((s, i) => FormattableString.Invariant(
            $"(30, {i + 1}, 'Person search', TIMESTAMP '{s.Utc}', {(s.At is null ? "NULL" : s.At.Lat.ToString("F6", CultureInfo.InvariantCulture))}, {(s.At is null ? "NULL" : s.At.Lon.ToString("F6", CultureInfo.InvariantCulture))}, '{s.Object}', '{s.Outcome}', {(s.Linked is { } l ? (l ? "true" : "false") : "NULL")})"));
        store.Execute($"INSERT INTO police_stop_search (load_id, source_row, type, date, latitude, longitude, object_of_search, outcome, outcome_linked_to_object) VALUES {string.Join(", ", values)}");

        var placement = StopSearchPlacement.Run(store);
        Assert.Equal(searches.Length, placement.Records);
        Assert.Equal(searches.Count(s => s.ExpectedBy == "boundary"), placement.ByBoundary);
        Assert.Equal(searches.Count(s => s.ExpectedBy == "nearest centroid"), placement.ByCentroid);
        Assert.Equal(searches.Count(s => s.ExpectedBy == "not placed"), placement.NotPlaced);
        Assert.Equal(searches.Count(s => s.ExpectedBy == "no location"), placement.NoLocation);
        Assert.Equal(searches.Where(s => s.At is not null).Select(s => s.At).Distinct().Count(), placement.DistinctPoints);
        var rows = store.Query("SELECT source_row, lsoa21_code, placed_by, strftime(month, '%Y-%m'), centroid_distance_m FROM sv_stop_search ORDER BY source_row",
            r => (Row: r.GetInt64(0), Lsoa: r.IsDBNull(1) ? null : r.GetString(1), By: r.GetString(2), Month: r.GetString(3), Distance: r.IsDBNull(4) ? (double?)null : r.GetDouble(4)));
        Assert.Equal(searches.Select((s, i) => ((long)i + 1, s.ExpectedLsoa, s.ExpectedBy, s.ExpectedMonth)), rows.Select(r => (r.Row, r.Lsoa, r.By, r.Month)));
        IndicatorTestHelpers.Near(1000, rows.Single(r => r.Row == 8).Distance, 0.01, "distance from C to L3's centroid");
        ResultSchema.Of(StopSearchPlacement.Table).Verify(store);

        var messages = new List<string>();
        IndicatorEngine.Compute(store, new IndicatorOptions
        {
            IndicatorIds = ["weapons_search_rate", "weapons_search_find_share"],
            Levels = [IndicatorLevels.Lsoa, IndicatorLevels.District, IndicatorLevels.Partnership],
            PeriodTypes = [PeriodTypes.Month],
            Announce = messages.Add,
        });
        Assert.Contains(messages, m => m.Contains("2 farther than that from the loaded geography", StringComparison.Ordinal)
            && m.Contains("1 published without a location", StringComparison.Ordinal) && m.Contains("1 placed outside the partnership's area", StringComparison.Ordinal));

        // The recount: June's weapons searches placed in the area, by area, from the list above.
        var population = new Dictionary<string, double> { [l1] = 1000, [l2] = 2000, [l3] = 1500, [l4] = 500 };
        var areas = new (string Level, string Code, string[] Lsoas)[]
        {
            (IndicatorLevels.Lsoa, l1, [l1]), (IndicatorLevels.Lsoa, l2, [l2]), (IndicatorLevels.Lsoa, l3, [l3]), (IndicatorLevels.Lsoa, l4, [l4]),
            (IndicatorLevels.District, IndicatorFixture.D1, [l1, l2]), (IndicatorLevels.District, IndicatorFixture.D2, [l3, l4]),
            (IndicatorLevels.Partnership, IndicatorFixture.P, [l1, l2, l3, l4]),
        };
        string[] weaponObjects = [Weapons, "Firearms", "Anything to threaten or harm anyone"];
        bool? Found(Search s) => s.Linked ?? (s.Outcome == Nfa ? false : null);
        foreach (var (level, code, lsoas) in areas)
        {
            var june = searches.Where(s => s.ExpectedMonth == "2023-06" && s.ExpectedLsoa is { } l && lsoas.Contains(l) && weaponObjects.Contains(s.Object)).ToList();
            var residents = lsoas.Sum(l => population[l]);
            var rate = IndicatorValue.Read(store, new IndicatorFilter { IndicatorId = "weapons_search_rate", Level = level, AreaCode = code, PeriodType = PeriodTypes.Month })
                    .Single(v => v.PeriodStart == new DateOnly(2023, 6, 1));
            Assert.Equal(june.Count, rate.Count);
            IndicatorTestHelpers.Near(residents / 12.0, rate.Denominator, 1e-9, $"{level} {code} person-years");
            IndicatorTestHelpers.Near(june.Count / (residents / 12.0) * 1000, rate.Value, 1e-9, $"{level} {code} weapons searches per 1,000 a year");
            if (level == IndicatorLevels.Lsoa) continue;
            var share = IndicatorValue.Read(store, new IndicatorFilter { IndicatorId = "weapons_search_find_share", Level = level, AreaCode = code, PeriodType = PeriodTypes.Month })
                .Single(v => v.PeriodStart == new DateOnly(2023, 6, 1));
            var known = june.Where(s => Found(s) is not null).ToList();
            var found = known.Count(s => Found(s) == true);
            Assert.Equal(found, share.Count);
            Assert.Equal(known.Count, share.Denominator);
            if (known.Count == 0) { Assert.Null(share.Value); continue; }
            var (lo, hi) = IndicatorTestHelpers.Wilson(found, known.Count, IndicatorTestHelpers.Z95);
            IndicatorTestHelpers.Near(100.0 * found / known.Count, share.Value, 1e-9, $"{level} {code} find share");
            IndicatorTestHelpers.Near(100 * lo, share.Lower95, 1e-9, $"{level} {code} find share lower 95%");
            IndicatorTestHelpers.Near(100 * hi, share.Upper95, 1e-9, $"{level} {code} find share upper 95%");
        }
        // The partnership's June: six weapons searches in the area (five in L1, one in L3), three of five known outcomes found.
        var partnership = IndicatorValue.Read(store, new IndicatorFilter { IndicatorId = "weapons_search_find_share", Level = IndicatorLevels.Partnership, PeriodType = PeriodTypes.Month })
            .Single(v => v.PeriodStart == new DateOnly(2023, 6, 1));
        Assert.Equal((3L, 5.0), (partnership.Count!.Value, partnership.Denominator!.Value));
    }
}
