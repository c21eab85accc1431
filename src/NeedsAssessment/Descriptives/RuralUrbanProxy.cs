using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace NeedsAssessment.Descriptives;

/// <summary>A neighbourhood for the rural and urban proxy: its boundary in British National Grid metres and its residents.</summary>
/// <param name="Code">LSOA 2021 code.</param>
/// <param name="Shape">Boundary polygon (metres).</param>
/// <param name="Residents">Usual residents.</param>
public sealed record ProxyArea(string Code, Geometry Shape, double Residents);

/// <summary>How the proxy placed one neighbourhood.</summary>
/// <param name="Code">LSOA 2021 code.</param>
/// <param name="Urban">True when the neighbourhood is dense and part of a settlement of at least the settlement threshold.</param>
/// <param name="Hectares">Area of the boundary.</param>
/// <param name="Density">Residents per hectare.</param>
/// <param name="Settlement">Number of the contiguous dense settlement it belongs to (1 upwards, in order of each settlement's first code); null when not dense.</param>
/// <param name="SettlementResidents">Residents of that settlement; null when not dense.</param>
public sealed record ProxyPlacement(string Code, bool Urban, double Hectares, double Density, int? Settlement, double? SettlementResidents);

/// <summary>
/// An urban and rural split of neighbourhoods for when the ONS Rural-Urban Classification is not loaded, imitating the
/// ONS rule (an LSOA is urban when most of its residents live in a built-up settlement of 10,000 people or more) from
/// boundaries and census populations alone: neighbourhoods at or above a residential density are joined into
/// settlements where their boundaries touch, and a neighbourhood is urban when its settlement holds at least the
/// settlement threshold of residents; every other neighbourhood is rural.
/// </summary>
/// <remarks>
/// It is a proxy, not the classification: a town-edge LSOA that takes in open country falls below the density and
/// reads as rural although most of its residents live in the town, and two towns whose dense neighbourhoods touch read
/// as one settlement. ONS builds its classification from built-up area outlines (Bibby and Brindley, The 2011
/// Rural-Urban Classification for Small Area Geographies, ONS 2013; the 2021 classification follows the same rule).
/// </remarks>
public static class RuralUrbanProxy
{
    /// <summary>
    /// Default residential density at or above which a neighbourhood counts as built up: 3 residents per hectare, 300 per
    /// square kilometre, the density Eurostat's degree of urbanisation asks of the grid cells of an urban cluster.
    /// </summary>
    public const double DefaultDensity = 3;

    /// <summary>The ONS rule's settlement size: 10,000 residents.</summary>
    public const double DefaultSettlementResidents = 10_000;

    /// <summary>Boundaries closer than this (metres) touch: published LSOA boundaries share their edges, generalised ones to within a few metres.</summary>
    public const double TouchDistance = 10;

    /// <summary>Places every neighbourhood urban or rural by density and contiguous settlement size.</summary>
    /// <param name="areas">Neighbourhoods with boundaries in metres and their residents.</param>
    /// <param name="density">Residents per hectare at or above which a neighbourhood is built up.</param>
    /// <param name="settlementResidents">Residents a settlement of touching built-up neighbourhoods needs to be urban.</param>
    /// <returns>One placement per neighbourhood, in the order given.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A threshold is not positive.</exception>
    public static IReadOnlyList<ProxyPlacement> Classify(IReadOnlyList<ProxyArea> areas, double density = DefaultDensity, double settlementResidents = DefaultSettlementResidents)
    {
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(density);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settlementResidents);
        var hectares = areas.Select(a => a.Shape.Area / 10_000).ToArray();
        var densities = areas.Select((a, i) => hectares[i] > 0 ? a.Residents / hectares[i] : 0).ToArray();
        var dense = densities.Select(d => d >= density).ToArray();

        // Union-find over built-up neighbourhoods whose boundaries touch.
        var parent = Enumerable.Range(0, areas.Count).ToArray();
        int Find(int i)
        {
            while (parent[i] != i) i = parent[i] = parent[parent[i]];
            return i;
        }
        var tree = new STRtree<int>();
        for (var i = 0; i < areas.Count; i++)
            if (dense[i]) tree.Insert(areas[i].Shape.EnvelopeInternal, i);
        for (var i = 0; i < areas.Count; i++)
        {
            if (!dense[i]) continue;
            var envelope = new Envelope(areas[i].Shape.EnvelopeInternal);
            envelope.ExpandBy(TouchDistance);
            foreach (var j in tree.Query(envelope))
            {
                if (j <= i || Find(i) == Find(j)) continue;
                if (areas[i].Shape.IsWithinDistance(areas[j].Shape, TouchDistance)) parent[Find(j)] = Find(i);
            }
        }

        // Settlements numbered in order of their first code, so the numbers do not depend on the input order.
        var members = Enumerable.Range(0, areas.Count).Where(i => dense[i]).GroupBy(Find).ToList();
        var residents = members.ToDictionary(g => g.Key, g => g.Sum(i => areas[i].Residents));
        var number = members.OrderBy(g => g.Min(i => areas[i].Code), StringComparer.Ordinal).Select((g, n) => (g.Key, n + 1)).ToDictionary(x => x.Key, x => x.Item2);
        return areas.Select((a, i) =>
        {
            if (!dense[i]) return new ProxyPlacement(a.Code, false, hectares[i], densities[i], null, null);
            var root = Find(i);
            return new ProxyPlacement(a.Code, residents[root] >= settlementResidents, hectares[i], densities[i], number[root], residents[root]);
        }).ToList();
    }
}
