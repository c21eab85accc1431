using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate;
using NeedsAssessment.Geography;

namespace NeedsAssessment.Synthetic;

internal enum AreaType { TownCentre, Student, Suburban, Rural, Coastal }

internal sealed class SnapPoint
{
    public required double X { get; init; }
    public required double Y { get; init; }
    public required string Street { get; init; }
    public required string Lon { get; init; }
    public required string Lat { get; init; }
}

internal sealed class District
{
    public required int Index { get; init; }
    public required int Tile { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string HubCode { get; init; }
    public required string HubName { get; init; }
    public required string PartnershipCode { get; init; }
    public required string PartnershipName { get; init; }
    public required bool IsCity { get; init; }
    public double AnnualTrend { get; set; }
    public List<Area> Areas { get; } = [];
}

internal sealed class Area
{
    public required int Index { get; init; }
    public required string Code { get; init; }
    public string Name { get; set; } = "";
    public required District District { get; init; }
    public required AreaType Type { get; init; }
    public required double X { get; init; }
    public required double Y { get; init; }
    public required Geometry Shape { get; init; }
    public int[] Female { get; } = new int[91];
    public int[] Male { get; } = new int[91];
    public int Total { get; set; }
    public int Decile { get; set; }
    public int ImdRank { get; set; }
    public int MsoaNumber { get; set; }
    public string MsoaCode { get; set; } = "";
    public string MsoaName { get; set; } = "";
    public string WardCode { get; set; } = "";
    public string WardName { get; set; } = "";
    public SnapPoint[] Snaps { get; set; } = [];
    public double[] AddressX { get; set; } = [];
    public double[] AddressY { get; set; } = [];
    public int[] AddressSnap { get; set; } = [];
    public bool IsTownCentre => Type == AreaType.TownCentre;

    /// <summary>Rural in the ONS Rural-Urban Classification the generator writes (rural-urban.csv): the rural area type.</summary>
    public bool IsRural => Type == AreaType.Rural;
}

/// <summary>Centre of a city or town within a tile, used to place hotspots and EDs.</summary>
internal sealed record Place(string Name, double X, double Y, bool IsCity, bool IsCoastal, int DistrictIndex);

internal sealed class Tile
{
    public required int Index { get; init; }
    public required Polygon Outline { get; init; }
    public required double CentreX { get; init; }
    public required double CentreY { get; init; }
    public required double Radius { get; init; }
    public List<Place> Places { get; } = [];
    public List<District> Districts { get; } = [];
    public List<Area> Areas { get; } = [];
}

/// <summary>
/// Builds the fictional geography: county outline, seed points concentrated in one city and seven market towns,
/// Voronoi small areas clipped to the outline, area types, age-sex structure, deprivation, hierarchy and snap points.
/// </summary>
internal sealed class SyntheticGeography
{
    public const string CountyName = "Synthshire";

    private static readonly string[] CityNames = ["Calderford"];
    private static readonly string[] TownNames = ["Thornsea", "Harrowdale", "Wexley Moor", "Brackenby", "Mossgill", "Elderwick", "Farrowby"];

    private static readonly string[] StreetWords =
    [
        "Mill", "Church", "Station", "High", "Park", "Victoria", "King", "Queen", "Chapel", "Market", "Bridge", "North",
        "South", "West", "East", "Albert", "Minster", "Castle", "Green", "Manor", "School", "Orchard", "Meadow", "Priory",
        "Abbey", "Cliff", "Harbour", "Beck", "Moor", "Grange", "Ash", "Oak", "Elm", "Willow", "Hawthorn", "Rowan",
        "Heather", "Fell", "Dale", "Tarn", "Garth", "Croft", "Ings", "Carr", "Howe", "Rigg", "Holme", "Thorpe",
    ];

    private static readonly string[] StreetKinds =
        ["Street", "Road", "Lane", "Close", "Gate", "Way", "Avenue", "Terrace", "Drive", "Crescent", "Place", "Row", "Walk", "Grove"];

    private static readonly string[] Landmarks =
        ["Supermarket", "Parking Area", "Petrol Station", "Sports/Recreation Area", "Shopping Area", "Conference/Exhibition Centre", "Hospital"];

    private static readonly string[] WardWords =
    [
        "Abbey", "Bishopthorpe", "Castle", "Clifton", "Dringfield", "Eastgate", "Fulwood", "Guildhall", "Heworth",
        "Holgate", "Kirkby", "Langwith", "Micklegate", "Newby", "Osbaldby", "Priory", "Rawcliffe", "Skelwith",
        "Stonegate", "Thornbury", "Upperdale", "Westfield", "Wheldrake", "Woodthorpe", "Yarrow",
    ];

    public GeometryFactory Factory { get; } = new(new PrecisionModel(), 27700);
    public List<Tile> Tiles { get; } = [];
    public List<District> Districts { get; } = [];
    public List<Area> Areas { get; } = [];

    public static SyntheticGeography Build(int seed, SyntheticScale scale)
    {
        var g = new SyntheticGeography();
        if (scale == SyntheticScale.County)
        {
            g.BuildTile(0, 465000, 465000, 32000, 500, new Random(Seeds.Mix(seed, 1, 0)));
        }
        else
        {
            // 8 x 9 tiles of 52 km keep every snap point inside the police.uk longitude/latitude ranges.
            var t = 0;
            for (var row = 0; row < 9; row++)
            for (var col = 0; col < 8; col++)
            {
                g.BuildTile(t, 400000 + (col - 3.5) * 52000, 150000 + row * 52000, 24000, 486, new Random(Seeds.Mix(seed, 1, t)));
                t++;
            }
        }
        return g;
    }

    private void BuildTile(int t, double cx, double cy, double radius, int nAreas, Random rng)
    {
        var outline = MakeOutline(cx, cy, radius, rng);
        var tile = new Tile { Index = t, Outline = outline, CentreX = cx, CentreY = cy, Radius = radius };
        Tiles.Add(tile);
        var suffix = t == 0 ? "" : " " + (t + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var partnershipCode = $"Z10{t + 1:D6}";
        var partnershipName = $"{CountyName}{suffix} Community Safety Partnership";

        // District 0 is the city; districts 1-7 are the market towns' former districts (the hubs).
        var cityX = cx - 0.12 * radius;
        var cityY = cy - 0.08 * radius;
        var cityRadius = 0.24 * radius;
        tile.Places.Add(new Place(CityNames[0] + suffix, cityX, cityY, true, false, 0));
        var phase = 0.3;
        for (var k = 0; k < 7; k++)
        {
            var angle = phase + 2 * Math.PI * k / 7;
            var coastal = k == 0;
            var edge = OutlineRadius(outline, cx, cy, angle);
            var dist = coastal ? 0.82 * edge : 0.6 * edge;
            tile.Places.Add(new Place(TownNames[k] + suffix, cx + dist * Math.Cos(angle), cy + dist * Math.Sin(angle), false, coastal, k + 1));
        }
        for (var d = 0; d < 8; d++)
        {
            var p = tile.Places[d];
            var n = t * 8 + d + 1;
            var district = new District
            {
                Index = Districts.Count, Tile = t, Code = $"Z07{n:D6}", Name = p.Name, HubCode = $"Z08{n:D6}", HubName = p.Name,
                PartnershipCode = partnershipCode, PartnershipName = partnershipName, IsCity = p.IsCity,
            };
            tile.Districts.Add(district);
            Districts.Add(district);
        }
        // One hub has a real upward trend; the rest are flat.
        tile.Districts[3].AnnualTrend = 0.12;

        var locator = new IndexedPointInAreaLocator(outline);
        bool Inside(double x, double y) => locator.Locate(new Coordinate(x, y)) == Location.Interior;
        var sites = new List<Coordinate>(nAreas);
        var grid = new Dictionary<(long, long), List<Coordinate>>();
        const double minSpacing = 180;
        bool TryAdd(double x, double y)
        {
            if (!Inside(x, y)) return false;
            var key = ((long)Math.Floor(x / minSpacing), (long)Math.Floor(y / minSpacing));
            for (var i = -1; i <= 1; i++)
            for (var j = -1; j <= 1; j++)
                if (grid.TryGetValue((key.Item1 + i, key.Item2 + j), out var list))
                    foreach (var c in list)
                        if ((c.X - x) * (c.X - x) + (c.Y - y) * (c.Y - y) < minSpacing * minSpacing) return false;
            var coord = new Coordinate(Math.Round(x, 1), Math.Round(y, 1));
            if (!grid.TryGetValue(key, out var cell)) grid[key] = cell = [];
            cell.Add(coord);
            sites.Add(coord);
            return true;
        }

        var nCity = (int)(0.40 * nAreas);
        var nTown = (int)(0.36 * nAreas / 7);
        while (sites.Count < nCity)
        {
            var (gx, gy) = Rand.Gaussian2(rng);
            var x = cityX + gx * 0.1 * radius;
            var y = cityY + gy * 0.1 * radius;
            if (Dist(x, y, cityX, cityY) < cityRadius) TryAdd(x, y);
        }
        for (var k = 1; k <= 7; k++)
        {
            var target = sites.Count + nTown;
            var p = tile.Places[k];
            var guard = 0;
            while (sites.Count < target && guard++ < 100000)
            {
                var (gx, gy) = Rand.Gaussian2(rng);
                var x = p.X + gx * 0.045 * radius;
                var y = p.Y + gy * 0.045 * radius;
                if (Dist(x, y, cityX, cityY) > cityRadius * 1.1) TryAdd(x, y);
            }
        }
        var env = outline.EnvelopeInternal;
        while (sites.Count < nAreas)
        {
            var x = env.MinX + rng.NextDouble() * env.Width;
            var y = env.MinY + rng.NextDouble() * env.Height;
            if (Dist(x, y, cityX, cityY) < cityRadius * 1.1) continue;
            if (tile.Places.Skip(1).Any(p => Dist(x, y, p.X, p.Y) < 0.1 * radius)) continue;
            TryAdd(x, y);
        }

        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(sites);
        var clip = new Envelope(env);
        clip.ExpandBy(radius * 0.5);
        builder.ClipEnvelope = clip;
        var diagram = builder.GetDiagram(Factory);
        var cellBySite = new Dictionary<(double, double), Geometry>();
        for (var i = 0; i < diagram.NumGeometries; i++)
        {
            var face = diagram.GetGeometryN(i);
            var site = (Coordinate)face.UserData;
            cellBySite[(site.X, site.Y)] = face;
        }

        var coast = outline.ExteriorRing;
        var typeMeanDecile = new Dictionary<AreaType, double>
        {
            [AreaType.TownCentre] = 2.6, [AreaType.Student] = 3.8, [AreaType.Coastal] = 3.4, [AreaType.Suburban] = 6.2, [AreaType.Rural] = 7.6,
        };
        var tileAreas = new List<Area>(nAreas);
        foreach (var s in sites)
        {
            var cell = cellBySite[(s.X, s.Y)].Intersection(outline);
            if (cell is GeometryCollection { NumGeometries: 1 } one) cell = one.GetGeometryN(0);
            var inCity = Dist(s.X, s.Y, cityX, cityY) < cityRadius;
            int districtIdx;
            if (inCity) districtIdx = 0;
            else
            {
                districtIdx = 1;
                var best = double.MaxValue;
                for (var k = 1; k <= 7; k++)
                {
                    var d = Dist(s.X, s.Y, tile.Places[k].X, tile.Places[k].Y);
                    if (d < best) { best = d; districtIdx = k; }
                }
            }
            var district = tile.Districts[districtIdx];
            var home = tile.Places[districtIdx];
            var dHome = Dist(s.X, s.Y, home.X, home.Y);
            var angle = Math.Atan2(s.Y - cityY, s.X - cityX);
            var distToCoast = coast.Distance(Factory.CreatePoint(s));
            AreaType type;
            if (inCity ? dHome < 900 : dHome < 650) type = AreaType.TownCentre;
            // The university quarter: a wedge west of the city centre.
            else if (inCity && dHome is > 1000 and < 3600 && (angle > 2.2 || angle < -2.6)) type = AreaType.Student;
            else if (!inCity && distToCoast < 0.18 * radius && s.X > cx + 0.2 * radius) type = AreaType.Coastal;
            else if (inCity || dHome < 0.12 * radius) type = AreaType.Suburban;
            else type = AreaType.Rural;

            var area = new Area
            {
                Index = Areas.Count, Code = $"Z01{Areas.Count + 1:D6}", District = district, Type = type, X = s.X, Y = s.Y, Shape = cell,
            };
            var decile = (int)Math.Round(typeMeanDecile[type] + 1.6 * Rand.Gaussian(rng));
            area.Decile = Math.Clamp(decile, 1, 10);
            // National ranks: decile d covers ranks (d-1)*3284.4+1 .. d*3284.4 of 32,844 English LSOAs.
            area.ImdRank = (int)Math.Floor((area.Decile - 1) * 3284.4 + 1 + rng.NextDouble() * 3284.3);
            FillPopulation(area, rng);
            district.Areas.Add(area);
            tileAreas.Add(area);
            Areas.Add(area);
        }
        tile.Areas.AddRange(tileAreas);
        AssignHierarchy(tile, env);
        foreach (var a in tileAreas) PlaceStreets(a, rng);
    }

    private static double Dist(double x1, double y1, double x2, double y2) => Math.Sqrt((x1 - x2) * (x1 - x2) + (y1 - y2) * (y1 - y2));

    private Polygon MakeOutline(double cx, double cy, double radius, Random rng)
    {
        const int n = 120;
        var p1 = rng.NextDouble() * 2 * Math.PI;
        var p2 = rng.NextDouble() * 2 * Math.PI;
        var p3 = rng.NextDouble() * 2 * Math.PI;
        var coords = new Coordinate[n + 1];
        for (var i = 0; i < n; i++)
        {
            var a = 2 * Math.PI * i / n;
            var r = radius * (1 + 0.10 * Math.Sin(2 * a + p1) + 0.07 * Math.Sin(3 * a + p2) + 0.04 * Math.Sin(5 * a + p3));
            coords[i] = new Coordinate(Math.Round(cx + r * Math.Cos(a), 1), Math.Round(cy + r * Math.Sin(a), 1));
        }
        coords[n] = coords[0].Copy();
        return Factory.CreatePolygon(coords);
    }

    private double OutlineRadius(Polygon outline, double cx, double cy, double angle)
    {
        var ray = Factory.CreateLineString([new Coordinate(cx, cy), new Coordinate(cx + 1e6 * Math.Cos(angle), cy + 1e6 * Math.Sin(angle))]);
        var hit = ray.Intersection(outline.ExteriorRing);
        var best = double.MaxValue;
        foreach (var c in hit.Coordinates) best = Math.Min(best, Dist(cx, cy, c.X, c.Y));
        return best == double.MaxValue ? 0.75 * outline.EnvelopeInternal.Width / 2 : best;
    }

    /// <summary>Single-year-of-age weights by area type; Poisson counts around them give realistic noise.</summary>
    private static void FillPopulation(Area area, Random rng)
    {
        var target = Math.Clamp(1500 * Math.Exp(0.18 * Rand.Gaussian(rng)), 1050, 2900);
        var wf = new double[91];
        var wm = new double[91];
        for (var a = 0; a <= 90; a++)
        {
            double w = a < 60 ? 1.0 : Math.Exp(-(a - 60) / 14.0);
            if (a == 90) w = 2.2 * Math.Exp(-30 / 14.0);
            var child = a < 18;
            var young = a is >= 18 and <= 24;
            switch (area.Type)
            {
                case AreaType.Student:
                    if (young) w *= 7; else if (child) w *= 0.3; else if (a >= 60) w *= 0.35; else if (a < 35) w *= 1.4;
                    break;
                case AreaType.TownCentre:
                    if (a is >= 20 and <= 39) w *= 1.9; else if (child) w *= 0.55; else if (a >= 65) w *= 0.7;
                    break;
                case AreaType.Suburban:
                    if (child) w *= 1.25; else if (a is >= 35 and <= 54) w *= 1.2; else if (young) w *= 0.85;
                    break;
                case AreaType.Rural:
                    if (a is >= 45 and <= 74) w *= 1.35; else if (a is >= 18 and <= 29) w *= 0.6;
                    break;
                case AreaType.Coastal:
                    if (a is >= 60 and <= 89) w *= 1.9; else if (a is >= 18 and <= 34) w *= 0.7; else if (child) w *= 0.85;
                    break;
            }
            var femaleShare = a < 60 ? 0.49 : a < 80 ? 0.53 : a < 90 ? 0.60 : 0.70;
            if (area.Type == AreaType.Student && young) femaleShare = 0.52;
            wf[a] = w * femaleShare;
            wm[a] = w * (1 - femaleShare);
        }
        var total = wf.Sum() + wm.Sum();
        var sum = 0;
        for (var a = 0; a <= 90; a++)
        {
            area.Female[a] = Rand.Poisson(rng, target * wf[a] / total);
            area.Male[a] = Rand.Poisson(rng, target * wm[a] / total);
            sum += area.Female[a] + area.Male[a];
        }
        area.Total = sum;
    }

    private static void AssignHierarchy(Tile tile, Envelope env)
    {
        foreach (var district in tile.Districts)
        {
            // Hilbert order keeps consecutive areas adjacent, so chunks of five make compact MSOAs.
            var ordered = district.Areas
                .OrderBy(a => Hilbert.Index(1024, (int)((a.X - env.MinX) / env.Width * 1023), (int)((a.Y - env.MinY) / env.Height * 1023)))
                .ThenBy(a => a.Index)
                .ToList();
            var msoaBase = district.Index * 100;
            for (var i = 0; i < ordered.Count; i++)
            {
                var a = ordered[i];
                var m = i / 5;
                a.MsoaNumber = m + 1;
                a.MsoaCode = $"Z02{msoaBase + m + 1:D6}";
                a.MsoaName = $"{district.Name} {m + 1:D3}";
                a.Name = $"{district.Name} {m + 1:D3}{(char)('A' + i % 5)}";
                var w = m / 2;
                a.WardCode = $"Z05{msoaBase / 2 + w + 1:D6}";
                var word = WardWords[w % WardWords.Length];
                a.WardName = w < WardWords.Length ? $"{word}" : $"{word} {w / WardWords.Length + 1}";
                if (district.IsCity || w > 0) a.WardName = $"{district.Name} {a.WardName}";
                else a.WardName = $"{district.Name} Central";
            }
        }
    }

    private void PlaceStreets(Area area, Random rng)
    {
        var locator = new IndexedPointInAreaLocator(area.Shape);
        var env = area.Shape.EnvelopeInternal;
        (double, double) RandomInside()
        {
            for (var tries = 0; tries < 200; tries++)
            {
                var x = env.MinX + rng.NextDouble() * env.Width;
                var y = env.MinY + rng.NextDouble() * env.Height;
                if (locator.Locate(new Coordinate(x, y)) == Location.Interior) return (x, y);
            }
            return (area.X, area.Y);
        }

        var nSnaps = 3 + rng.Next(4);
        var snaps = new SnapPoint[nSnaps];
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < nSnaps; i++)
        {
            var (x, y) = RandomInside();
            x = Math.Round(x);
            y = Math.Round(y);
            string street;
            if (i == 0 && area.IsTownCentre) street = "Nightclub";
            else if (rng.NextDouble() < 0.1) street = area.Type == AreaType.Student && rng.NextDouble() < 0.5 ? "Further/Higher Educational Building" : Landmarks[rng.Next(Landmarks.Length)];
            else street = StreetWords[rng.Next(StreetWords.Length)] + " " + StreetKinds[rng.Next(StreetKinds.Length)];
            if (!used.Add(street)) street = StreetWords[rng.Next(StreetWords.Length)] + " " + StreetKinds[rng.Next(StreetKinds.Length)];
            used.Add(street);
            var (lon, lat) = BritishNationalGrid.ToLonLat(x, y);
            snaps[i] = new SnapPoint
            {
                X = x, Y = y, Street = "On or near " + street,
                Lon = lon.ToString("F6", System.Globalization.CultureInfo.InvariantCulture),
                Lat = lat.ToString("F6", System.Globalization.CultureInfo.InvariantCulture),
            };
        }
        area.Snaps = snaps;
        const int nAddresses = 48;
        area.AddressX = new double[nAddresses];
        area.AddressY = new double[nAddresses];
        area.AddressSnap = new int[nAddresses];
        for (var i = 0; i < nAddresses; i++)
        {
            var (x, y) = RandomInside();
            area.AddressX[i] = x;
            area.AddressY[i] = y;
            area.AddressSnap[i] = NearestSnap(area, x, y);
        }
    }

    public static int NearestSnap(Area area, double x, double y)
    {
        var best = 0;
        var bestD = double.MaxValue;
        for (var i = 0; i < area.Snaps.Length; i++)
        {
            var d = (area.Snaps[i].X - x) * (area.Snaps[i].X - x) + (area.Snaps[i].Y - y) * (area.Snaps[i].Y - y);
            if (d < bestD) { bestD = d; best = i; }
        }
        return best;
    }
}

internal static class Hilbert
{
    public static long Index(int n, int x, int y)
    {
        long d = 0;
        for (var s = n / 2; s > 0; s /= 2)
        {
            var rx = (x & s) > 0 ? 1 : 0;
            var ry = (y & s) > 0 ? 1 : 0;
            d += (long)s * s * ((3 * rx) ^ ry);
            if (ry == 0)
            {
                if (rx == 1) { x = s - 1 - x; y = s - 1 - y; }
                (x, y) = (y, x);
            }
        }
        return d;
    }
}

internal static class Seeds
{
    /// <summary>Derives an independent stream seed so adding draws to one stream never shifts another.</summary>
    public static int Mix(int seed, int stream, int sub)
    {
        unchecked
        {
            ulong z = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)stream * 0xBF58476D1CE4E5B9UL ^ (ulong)(uint)sub * 0x94D049BB133111EBUL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & 0x7FFFFFFF);
        }
    }
}

internal static class Rand
{
    public static double Gaussian(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public static (double, double) Gaussian2(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        var r = Math.Sqrt(-2 * Math.Log(u1));
        return (r * Math.Cos(2 * Math.PI * u2), r * Math.Sin(2 * Math.PI * u2));
    }

    public static int Poisson(Random rng, double lambda)
    {
        if (lambda <= 0) return 0;
        if (lambda < 30)
        {
            var l = Math.Exp(-lambda);
            var k = 0;
            var p = rng.NextDouble();
            while (p > l) { k++; p *= rng.NextDouble(); }
            return k;
        }
        // Normal approximation is adequate for synthetic counts this large.
        return Math.Max(0, (int)Math.Round(lambda + Math.Sqrt(lambda) * Gaussian(rng)));
    }

    public static int Binomial(Random rng, int n, double p)
    {
        var k = 0;
        for (var i = 0; i < n; i++) if (rng.NextDouble() < p) k++;
        return k;
    }

    public static int Pick(Random rng, double[] cumulative)
    {
        var u = rng.NextDouble();
        for (var i = 0; i < cumulative.Length; i++) if (u < cumulative[i]) return i;
        return cumulative.Length - 1;
    }
}
