using System.Globalization;
using NeedsAssessment.Indicators;
using NeedsAssessment.Statistics;
using NeedsAssessment.Store;

namespace NeedsAssessment.Descriptives;

/// <summary>A row of <c>descriptive_victim_rates</c>: victims of one sex and age band per resident of that sex and age a year.</summary>
public sealed record VictimRate(
    long Position, string Sex, string AgeBand, long? Count, double Residents, double? Denominator, double Multiplier,
    double? Rate, double? Lower95, double? Upper95, string? Method, bool Suppressed, string? Note);

/// <summary>
/// Victims of serious violence by sex and age band as rates: the victims table's counts (<c>descriptive_victims</c>,
/// already suppressed there, so the two tables hide the same cells) over the residents of that sex and age from the
/// single-year population by sex (<c>population_syoa</c>), per 1,000 a year with exact or Byar's 95% limits
/// (<see cref="CrudeRate"/>). The violence against women and girls chapter reads the female rows. Empty without the
/// single-year population by sex, or when the police source records no victim's age and sex.
/// </summary>
internal static class VictimRates
{
    /// <summary>Table name.</summary>
    public const string Table = "descriptive_victim_rates";

    /// <summary>Rates per 1,000 residents a year.</summary>
    public const double Multiplier = 1000;

    private const string Population = "population_syoa";

    /// <summary>Rates for the police age bands of <paramref name="victims"/> (and each sex's all-ages row) over the area's residents.</summary>
    public static List<VictimRate> Compute(AssessmentStore store, IReadOnlyList<VictimCount> victims, int months)
    {
        if (!store.TableExists(Population) || victims.Count == 0) return [];
        var bands = victims.Select(v => v.AgeBand).Where(b => b != "unknown").Distinct().ToList();
        var ranges = bands.Select(b => (Band: b, Range: Ages(b))).Where(b => b.Band == "all" || b.Range is not null).ToList();
        if (ranges.Count(b => b.Band != "all") == 0) return [];
        string Sum(char sex, int from, int to) => string.Join(" + ", Enumerable.Range(from, to - from + 1).Select(a => $"coalesce(p.{sex}{a}, 0)"));
        var columns = ranges.SelectMany(b => new[] { 'f', 'm' }.Select(sex =>
        {
            var (from, to) = b.Band == "all" ? (0, 90) : b.Range!.Value;
            return $"sum({Sum(sex, from, to)})::DOUBLE";
        })).ToList();
        var totals = store.Query($"""
            SELECT count(*)::BIGINT, {string.Join(", ", columns)}
            FROM {ReferenceLoads.LatestRow(Population)} p
            WHERE upper(trim(p.lsoa21_code)) IN (SELECT upper(trim(lsoa21_code)) FROM {AreaHierarchy.Table})
            """, r => Enumerable.Range(0, columns.Count + 1).Select(i => r.IsDBNull(i) ? 0 : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture)).ToArray()).Single();
        if (totals[0] == 0) return [];
        var years = months / 12.0;
        var rows = new List<VictimRate>();
        foreach (var sex in new[] { "F", "M" })
            for (var b = 0; b < ranges.Count; b++)
            {
                var residents = totals[1 + 2 * b + (sex == "F" ? 0 : 1)];
                var v = victims.FirstOrDefault(x => x.AgeBand == ranges[b].Band && x.Sex == sex);
                if (v is null || residents <= 0) continue;
                var e = v.Suppressed || v.Count is null ? null : CrudeRate.Calculate(v.Count.Value, residents * years, Multiplier);
                rows.Add(new VictimRate(rows.Count, sex, ranges[b].Band, v.Suppressed ? null : v.Count, residents, v.Suppressed ? null : residents * years, Multiplier,
                    e?.Value, e?.Lower, e?.Upper, e?.Method, v.Suppressed,
                    v.Suppressed ? "Not shown: small numbers." : ranges[b].Band == "all" ? "All ages, including victims whose age was not recorded." : null));
            }
        return rows;
    }

    /// <summary>The ages a police band such as "18-24" or "65+" covers (65+ runs to the population file's 90+).</summary>
    internal static (int From, int To)? Ages(string band)
    {
        if (band.EndsWith('+') && int.TryParse(band[..^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var lo)) return (lo, 90);
        var parts = band.Split('-');
        return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var a)
            && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var z) && a <= z && z <= 90 ? (a, z) : null;
    }
}
