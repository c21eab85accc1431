using System.Globalization;

namespace NeedsAssessment.Store;

/// <summary>One place name for the maps (a row of <c>area_places</c>).</summary>
/// <param name="PlaceType">district, hub or town.</param>
/// <param name="Rank">1 = the most residents, within the place type.</param>
/// <param name="Name">The name as labelled.</param>
/// <param name="Code">District or hub code; null for a town.</param>
/// <param name="X">Population-weighted centre, British National Grid easting (metres).</param>
/// <param name="Y">Northing.</param>
/// <param name="Residents">Usual residents of its LSOAs; null when no residents file was loaded (the centre is then unweighted).</param>
/// <param name="Lsoas">LSOAs it covers.</param>
/// <param name="NamedBy">Where the name came from.</param>
public sealed record AreaPlace(string PlaceType, long Rank, string Name, string? Code, double X, double Y, double? Residents, long Lsoas, string NamedBy);

/// <summary>
/// Place names for labelling the maps, from the area's own hierarchy: each district and hub at the population-weighted
/// centre of its LSOAs, and the largest towns, found as clusters of LSOAs whose population-weighted centroids lie within
/// <see cref="TownLink"/> of each other (built-up areas have LSOAs a few hundred metres apart; rural ones are kilometres
/// apart) and named from their wards or LSOA names. No gazetteer of ONS built-up areas is loaded, so a town is named
/// only where its wards or LSOA names say the name; a cluster they do not name is left unlabelled.
/// </summary>
public static class AreaPlaces
{
    /// <summary>The result table.</summary>
    public const string Table = "area_places";

    /// <summary>Centroids at most this far apart (metres) join one town.</summary>
    public const double TownLink = 1_200;

    /// <summary>A town has at least this many LSOAs (about 4,500 residents).</summary>
    public const int TownMinLsoas = 3;

    private static readonly HashSet<string> Qualifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        "Great", "Little", "High", "Upper", "Lower", "North", "South", "East", "West", "Central", "Old", "New", "Long", "Market", "St", "St.", "Saint", "Rural", "The",
    };

    private static readonly string[] Directions = [" North", " South", " East", " West", " Central", " Town", " Rural"];

    /// <summary>Writes <c>area_places</c> from <c>area_lsoas</c>, the centroids and the residents; empty without centroids.</summary>
    /// <returns>The rows written.</returns>
    public static IReadOnlyList<AreaPlace> Build(AssessmentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var places = new List<AreaPlace>();
        if (store.TableExists(AreaHierarchy.Table) && store.TableExists("centroids"))
        {
            var residents = Residents.Find(store);
            var lsoas = store.Query($"""
                WITH c AS (SELECT upper(trim(lsoa21_code)) AS lsoa21_code, min(x) AS x, min(y) AS y
                           FROM {ReferenceLoads.LatestRow("centroids", where: "x IS NOT NULL AND y IS NOT NULL AND lsoa21_code IS NOT NULL")} GROUP BY 1)
                SELECT a.lsoa21_code, a.lsoa21_name, a.ward_name, a.district_code, a.district_name, a.hub_code, a.hub_name, c.x, c.y,
                       {(residents is null ? "NULL::DOUBLE" : "p.residents")}
                FROM {AreaHierarchy.Table} a JOIN c USING (lsoa21_code) {(residents is null ? "" : $"LEFT JOIN ({residents.Sql}) p USING (lsoa21_code)")}
                ORDER BY a.lsoa21_code
                """, r => new Lsoa(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                    r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6),
                    r.GetDouble(7), r.GetDouble(8), r.IsDBNull(9) ? null : r.GetDouble(9)));
            var weighted = residents is not null;
            places.AddRange(Areas("district", lsoas.Where(l => l.DistrictCode is not null).GroupBy(l => (l.DistrictCode!, l.DistrictName ?? l.DistrictCode!)), weighted, "district name (area_lsoas)"));
            places.AddRange(Areas("hub", lsoas.Where(l => l.HubCode is not null && l.HubCode != l.DistrictCode).GroupBy(l => (l.HubCode!, l.HubName ?? l.HubCode!)), weighted, "hub name (area_lsoas)"));
            places.AddRange(Towns(store, lsoas, weighted));
        }

        ResultTable<AreaPlace>.Write(store, Table, places);
        return places;
    }

    /// <summary>The stage's places; empty when the area stage has not written them.</summary>
    public static IReadOnlyList<AreaPlace> Read(AssessmentStore store) => ResultTable<AreaPlace>.Read(store, Table);

    private sealed record Lsoa(string Code, string? Name, string? Ward, string? DistrictCode, string? DistrictName, string? HubCode, string? HubName, double X, double Y, double? Residents)
    {
        public double Weight => Residents is > 0 ? Residents.Value : 1;

        /// <summary>The LSOA name without its number: "Harrogate 012A" -> "Harrogate" (the authority it was named after in 2021).</summary>
        public string? Prefix => Name is { } n && n.LastIndexOf(' ') is var i and > 0 && n[(i + 1)..].Any(char.IsDigit) ? n[..i] : null;
    }

    private static IEnumerable<AreaPlace> Areas(string type, IEnumerable<IGrouping<(string Code, string Name), Lsoa>> groups, bool weighted, string namedBy) =>
        groups.Select(g => Place(type, g.Key.Name, g.Key.Code, g.ToList(), weighted, namedBy))
            .OrderByDescending(p => p.Residents ?? p.Lsoas).ThenBy(p => p.Name, StringComparer.Ordinal)
            .Select((p, i) => p with { Rank = i + 1 });

    private static AreaPlace Place(string type, string name, string? code, IReadOnlyList<Lsoa> members, bool weighted, string namedBy)
    {
        var w = members.Sum(m => m.Weight);
        return new AreaPlace(type, 0, name, code, members.Sum(m => m.X * m.Weight) / w, members.Sum(m => m.Y * m.Weight) / w,
            weighted ? members.Sum(m => m.Residents ?? 0) : null, members.Count, namedBy);
    }

    // Clusters of LSOAs whose centroids chain within TownLink: the pairs come from the store, the components from a
    // union-find over them (a partnership holds at most a few thousand LSOAs).
    private static IEnumerable<AreaPlace> Towns(AssessmentStore store, IReadOnlyList<Lsoa> lsoas, bool weighted)
    {
        var index = lsoas.Select((l, i) => (l.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);
        var link = TownLink.ToString(CultureInfo.InvariantCulture);
        var pairs = store.Query($"""
            WITH c AS (SELECT a.lsoa21_code, min(c.x) AS x, min(c.y) AS y FROM {AreaHierarchy.Table} a
                       JOIN {ReferenceLoads.LatestRow("centroids", where: "x IS NOT NULL AND y IS NOT NULL AND lsoa21_code IS NOT NULL")} c ON upper(trim(c.lsoa21_code)) = a.lsoa21_code GROUP BY 1)
            SELECT p.lsoa21_code, q.lsoa21_code FROM c p JOIN c q ON p.lsoa21_code < q.lsoa21_code
                AND abs(p.x - q.x) <= {link} AND abs(p.y - q.y) <= {link} AND (p.x - q.x) ^ 2 + (p.y - q.y) ^ 2 <= {link} ^ 2
            """, r => (r.GetString(0), r.GetString(1)));
        var parent = Enumerable.Range(0, lsoas.Count).ToArray();
        int Find(int i)
        {
            while (parent[i] != i) i = parent[i] = parent[parent[i]];
            return i;
        }

        foreach (var (a, b) in pairs)
            if (index.TryGetValue(a, out var i) && index.TryGetValue(b, out var j) && Find(i) is var ri && Find(j) is var rj && ri != rj)
                parent[Math.Max(ri, rj)] = Math.Min(ri, rj);
        var clusters = Enumerable.Range(0, lsoas.Count).GroupBy(Find).Select(g => g.Select(i => lsoas[i]).ToList())
            .Where(c => c.Count >= TownMinLsoas)
            .OrderByDescending(c => c.Sum(m => m.Weight)).ThenBy(c => c.Min(m => m.Code), StringComparer.Ordinal).ToList();

        // The most populous cluster of each LSOA name prefix may take that name.
        var largestOfPrefix = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < clusters.Count; k++)
            if (Majority(clusters[k], m => m.Prefix) is { } prefix) largestOfPrefix.TryAdd(prefix, k);

        var towns = new List<AreaPlace>();
        var named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var k = 0; k < clusters.Count; k++)
        {
            var (name, by) = TownName(clusters[k], k, largestOfPrefix);
            if (name is null || !named.Add(name)) continue;
            towns.Add(Place("town", name, null, clusters[k], weighted, by!));
        }

        return towns.Select((t, i) => t with { Rank = i + 1 });
    }

    private static (string? Name, string? By) TownName(IReadOnlyList<Lsoa> cluster, int k, IReadOnlyDictionary<string, int> largestOfPrefix)
    {
        var total = cluster.Sum(m => m.Weight);
        var wards = cluster.Where(m => !string.IsNullOrWhiteSpace(m.Ward)).GroupBy(m => m.Ward!.Trim(), StringComparer.Ordinal)
            .Select(g => (Ward: g.Key, Weight: g.Sum(m => m.Weight))).ToList();

        // Wards named after the town ("Skipton East & South", "Skipton West & West Craven").
        var stem = wards.GroupBy(w => Stem(w.Ward), StringComparer.OrdinalIgnoreCase)
            .Select(g => (Stem: g.Key, Wards: g.Count(), Weight: g.Sum(w => w.Weight)))
            .Where(s => s.Wards >= 2 && s.Weight >= total / 2).OrderByDescending(s => s.Weight).ThenBy(s => s.Stem, StringComparer.Ordinal).FirstOrDefault();
        // A first word that only begins the authority's name ("Wexley" of "Wexley Moor 004A") is the authority's name.
        var prefix = Majority(cluster, m => m.Prefix);
        if (stem.Stem is { Length: > 0 })
            return (prefix is not null && prefix.StartsWith(stem.Stem + " ", StringComparison.OrdinalIgnoreCase) ? prefix : stem.Stem, "ward names sharing a first word");

        // One ward holding most of its residents ("Thirsk", "Richmond").
        var main = wards.Where(w => w.Weight >= total / 2).OrderByDescending(w => w.Weight).FirstOrDefault();
        if (main.Ward is not null && Component(main.Ward) is { Length: > 0 } c) return (c, "ward name of most of its residents");

        // The authority ONS named its LSOAs after in 2021, for that name's largest cluster ("Scarborough 012A").
        if (prefix is not null && largestOfPrefix.TryGetValue(prefix, out var first) && first == k)
            return (prefix, "LSOA names (the authority's largest cluster)");
        return (null, null);
    }

    private static string? Majority(IReadOnlyList<Lsoa> cluster, Func<Lsoa, string?> key)
    {
        var total = cluster.Sum(m => m.Weight);
        var top = cluster.Where(m => key(m) is not null).GroupBy(m => key(m)!, StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Weight: g.Sum(m => m.Weight))).OrderByDescending(g => g.Weight).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
        return top.Key is not null && top.Weight > total / 2 ? top.Key : null;
    }

    /// <summary>A ward name's first word, or first two when the first only qualifies ("Great Ayton", "High Harrogate").</summary>
    internal static string Stem(string ward)
    {
        var words = Component(ward).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return "";
        return Qualifiers.Contains(words[0]) && words.Length > 1 ? $"{words[0]} {words[1]}" : words[0];
    }

    /// <summary>A ward name's first part, without a direction after it: "Northallerton North &amp; Brompton" -> "Northallerton".</summary>
    internal static string Component(string ward)
    {
        var parts = ward.Split([" & ", ", ", ",", " and ", " with "], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) return "";
        var part = parts[0];
        foreach (var d in Directions)
            if (part.EndsWith(d, StringComparison.OrdinalIgnoreCase) && part.Length > d.Length) return part[..^d.Length].Trim();
        return part;
    }
}
