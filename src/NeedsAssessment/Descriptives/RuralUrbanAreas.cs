using System.Globalization;
using NeedsAssessment.Geography;
using NeedsAssessment.Store;

namespace NeedsAssessment.Descriptives;

/// <summary>A row of <c>descriptive_rural_urban_lsoas</c>: how one neighbourhood of the area was placed urban or rural, and by what.</summary>
public sealed record RuralUrbanLsoa(
    string Lsoa21Code, string? UrbanRuralFlag, string Classification, string? OnsFlag, string? ProxyFlag, double Residents,
    double? AreaHectares, double? ResidentsPerHectare, long? Settlement, double? SettlementResidents,
    double DensityThreshold, double SettlementThreshold, string Method);

/// <summary>
/// Which neighbourhoods of the area are urban and which rural, once, for every rural and urban figure: the ONS
/// Rural-Urban Classification 2021 of LSOAs (<c>rural_urban</c>) when it is loaded, and only when it is not, the
/// <see cref="RuralUrbanProxy"/> built from the loaded LSOA boundaries and residents. The proxy is computed whenever
/// boundaries are loaded, so its agreement with the ONS classification can be read off the table where both exist.
/// </summary>
internal static class RuralUrbanAreas
{
    /// <summary>Table name.</summary>
    public const string Table = "descriptive_rural_urban_lsoas";

    /// <summary>Classification value: the ONS file.</summary>
    public const string Ons = "ons_ruc_2021";

    /// <summary>Classification value: the proxy.</summary>
    public const string Proxy = "proxy";

    /// <summary>Classification value: neither places the neighbourhood.</summary>
    public const string None = "none";

    /// <summary>The proxy's method in words, with its thresholds, for the table and the report.</summary>
    public static string ProxyMethod(double density, double settlement) => string.Create(CultureInfo.InvariantCulture,
        $"Proxy for the ONS Rural-Urban Classification (not the classification itself): neighbourhoods (LSOAs) with at least {density:0.##} residents per hectare are joined into settlements where their boundaries touch, and a neighbourhood is urban when its settlement has {settlement:N0} or more residents, imitating the ONS rule that an LSOA is urban when most of its residents live in a built-up settlement of 10,000 or more; every other neighbourhood is rural. Loading the ONS Rural-Urban Classification 2021 of LSOAs (inputs: rural-urban) replaces it.");

    /// <summary>The ONS classification's method in words.</summary>
    public const string OnsMethod = "ONS Rural-Urban Classification 2021 of LSOAs as published (Urban_rural_flag): an LSOA is urban when most of its residents live in a built-up settlement of 10,000 or more.";

    /// <summary>One row per LSOA of the area with residents; empty when neither the ONS file nor boundaries are loaded.</summary>
    public static List<RuralUrbanLsoa> Compute(AssessmentStore store, ResidentsSource residents,
        double density = RuralUrbanProxy.DefaultDensity, double settlement = RuralUrbanProxy.DefaultSettlementResidents)
    {
        var lsoas = store.Query($"""
            SELECT a.lsoa21_code, p.residents::DOUBLE
            FROM (SELECT DISTINCT upper(trim(lsoa21_code)) AS lsoa21_code FROM {AreaHierarchy.Table}) a
            JOIN ({residents.Sql}) p ON p.lsoa21_code = a.lsoa21_code AND p.residents > 0
            ORDER BY 1
            """, r => (Code: r.GetString(0), Residents: r.GetDouble(1)));
        var ons = new Dictionary<string, string>(StringComparer.Ordinal);
        const string input = RuralUrbanParity.Input;
        if (store.TableExists(input))
            foreach (var (code, flag) in store.Query($"""
                SELECT upper(trim(lsoa21_code)), any_value(urban_rural_flag ORDER BY urban_rural_flag) FROM {ReferenceLoads.LatestRow(input)}
                WHERE lsoa21_code IS NOT NULL AND lower(trim(urban_rural_flag)) IN ('urban', 'rural') GROUP BY 1
                """, r => (r.GetString(0), r.GetString(1))))
                ons[code] = Flag(flag);
        var residentsOf = lsoas.ToDictionary(l => l.Code, l => l.Residents, StringComparer.Ordinal);
        // The area's boundaries, the latest load's where a boundary was loaded twice: as the area stage read them when
        // its shapes match the store, else read here.
        var shapes = AreaShapes.IsCurrent(store) ? BuiltShapes(store, residentsOf) : ReadShapes(store, residentsOf);
        var proxy = RuralUrbanProxy.Classify(shapes.Select(s => new ProxyArea(s.Code, s.Shape, residentsOf[s.Code])).ToList(), density, settlement)
            .ToDictionary(p => p.Code, StringComparer.Ordinal);
        if (ons.Count == 0 && proxy.Count == 0) return [];

        // The ONS file decides wherever it is loaded; the proxy never fills its gaps, so one classification covers the area.
        var useOns = lsoas.Any(l => ons.ContainsKey(l.Code));
        var method = useOns ? OnsMethod : ProxyMethod(density, settlement);
        return lsoas.Select(l =>
        {
            var o = ons.GetValueOrDefault(l.Code);
            var p = proxy.GetValueOrDefault(l.Code);
            var pf = p is null ? null : p.Urban ? "Urban" : "Rural";
            var flag = useOns ? o : pf;
            return new RuralUrbanLsoa(l.Code, flag, flag is null ? None : useOns ? Ons : Proxy, o, pf, l.Residents,
                p?.Hectares, p?.Density, p?.Settlement, p?.SettlementResidents, density, settlement, method);
        }).ToList();
    }

    private static IReadOnlyList<BoundaryShape> ReadShapes(AssessmentStore store, Dictionary<string, double> residentsOf)
    {
        var boundaries = store.TableExists("boundaries")
            ? store.Query($"""
                SELECT upper(trim(lsoa21_code)), coalesce(any_value(crs ORDER BY load_id DESC), ''), CAST(any_value(geometry ORDER BY load_id DESC) AS VARCHAR)
                FROM boundaries WHERE geometry IS NOT NULL AND upper(trim(lsoa21_code)) IN (SELECT upper(trim(lsoa21_code)) FROM {AreaHierarchy.Table})
                GROUP BY 1 ORDER BY 1
                """, r => (r.GetString(0), r.GetString(1), r.GetString(2)))
            : [];
        return BoundaryShapes.Read(boundaries.Where(b => residentsOf.ContainsKey(b.Item1)), out _);
    }

    // The same choice in the area stage's rows (one per boundaries row of the area): the latest load's shape, none when
    // that one could not be read.
    private static IReadOnlyList<BoundaryShape> BuiltShapes(AssessmentStore store, Dictionary<string, double> residentsOf) =>
        store.Query($"""
            SELECT upper(trim(code)), first(wkb ORDER BY load_id DESC) FROM {AreaShapes.Table} WHERE kind = '{AreaShapes.Lsoa}'
            GROUP BY 1 ORDER BY 1
            """, r => (Code: r.GetString(0), Wkb: r.IsDBNull(1) ? null : r.GetString(1)))
            .Where(b => b.Wkb is not null && residentsOf.ContainsKey(b.Code))
            .Select(b => new BoundaryShape(b.Code, AreaShapes.Decode(b.Wkb!)))
            .ToList();

    private static string Flag(string s) => s.Trim().Equals("rural", StringComparison.OrdinalIgnoreCase) ? "Rural" : "Urban";
}
