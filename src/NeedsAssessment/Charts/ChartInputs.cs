using NetTopologySuite.Geometries;

namespace NeedsAssessment.Charts;

/// <summary>
/// One area's indicator value, as the report stage maps it from an indicator row
/// (<c>area_code, area_name, value, lower95, upper95, suppressed, denominator</c>).
/// </summary>
/// <param name="Code">Area code (e.g. LSOA or local authority code), used to join to <see cref="AreaShape"/>.</param>
/// <param name="Name">Area name as printed.</param>
/// <param name="Value">Value on the reported scale; null when missing.</param>
/// <param name="Lower">Lower 95% confidence limit; null when not available.</param>
/// <param name="Upper">Upper 95% confidence limit; null when not available.</param>
/// <param name="Suppressed">True when disclosure control withheld the value: it is never drawn or printed as a number.</param>
/// <param name="Denominator">Population or sample size behind the value (needed by funnel plots); null when not known.</param>
public sealed record AreaValue(string Code, string Name, double? Value, double? Lower, double? Upper, bool Suppressed, double? Denominator = null)
{
    /// <summary>True when the value can be drawn: not suppressed and finite.</summary>
    public bool IsDrawable => !Suppressed && Value is { } v && double.IsFinite(v);
}

/// <summary>An area's boundary in British National Grid metres (EPSG:27700).</summary>
/// <param name="Code">Area code, joining to <see cref="AreaValue.Code"/>.</param>
/// <param name="Name">Area name.</param>
/// <param name="Boundary">A <see cref="Polygon"/> or <see cref="MultiPolygon"/>; other geometry types are ignored.</param>
public sealed record AreaShape(string Code, string Name, Geometry Boundary);

/// <summary>Events in one calendar month.</summary>
/// <param name="Month">Any date in the month (the first is conventional).</param>
/// <param name="Count">Number of events; null when missing.</param>
/// <param name="Suppressed">True when the count was withheld.</param>
/// <param name="RollingMean">The publishing stage's rolling mean for the month (drawn when the chart is told the means are given).</param>
/// <param name="SeasonalMean">The publishing stage's calendar-month average for the month.</param>
public sealed record MonthCount(DateOnly Month, double? Count, bool Suppressed = false, double? RollingMean = null, double? SeasonalMean = null);

/// <summary>Events in one hour of one day of the week, summed over the period.</summary>
/// <param name="Day">Day of the week.</param>
/// <param name="Hour">Hour of the day, 0-23 (0 = midnight to 00:59).</param>
/// <param name="Count">Number of events; null when missing.</param>
/// <param name="Suppressed">True when the count was withheld (small cell): drawn blank.</param>
public sealed record DayHourCount(DayOfWeek Day, int Hour, double? Count, bool Suppressed = false);

/// <summary>One deprivation quantile's value for an inequality gradient chart.</summary>
/// <param name="Quantile">Quantile number in deprivation order, 1 = the first quantile (the ridit 0 end of the SII).</param>
/// <param name="Label">Label, e.g. "1 (most deprived)".</param>
/// <param name="Value">Rate or proportion on the reported scale; null when missing.</param>
/// <param name="Lower">Lower 95% limit; null when not available.</param>
/// <param name="Upper">Upper 95% limit; null when not available.</param>
/// <param name="Population">Population of the quantile (> 0), which places it on the ridit scale.</param>
/// <param name="Suppressed">True when the value was withheld.</param>
/// <param name="Ridit">Position on the ridit scale as the stage that published the quantile computed it; from <paramref name="Population"/> when null.</param>
public sealed record QuantileValue(int Quantile, string Label, double? Value, double? Lower, double? Upper, double Population, bool Suppressed = false, double? Ridit = null);

/// <summary>Volume and severity of one offence group.</summary>
/// <param name="Group">Offence group name.</param>
/// <param name="Count">Number of offences; null when missing.</param>
/// <param name="MeanSeverity">Mean severity per offence, e.g. mean maximum penalty in days; null when missing.</param>
/// <param name="Suppressed">True when the group's figures were withheld.</param>
/// <param name="TotalSeverity">The group's total severity (count times mean) as published; computed from the two when null.</param>
public sealed record OffenceGroupSeverity(string Group, double? Count, double? MeanSeverity, bool Suppressed = false, double? TotalSeverity = null);

/// <summary>Police-recorded and health-recorded violence in one district, on the same scale (e.g. per 100,000).</summary>
/// <param name="Code">District code.</param>
/// <param name="Name">District name.</param>
/// <param name="Police">Police-recorded violence with injury; null when missing.</param>
/// <param name="Health">Emergency department assault attendances; null when missing.</param>
/// <param name="PoliceSuppressed">True when the police figure was withheld.</param>
/// <param name="HealthSuppressed">True when the health figure was withheld.</param>
public sealed record DistrictPair(string Code, string Name, double? Police, double? Health, bool PoliceSuppressed = false, bool HealthSuppressed = false);

/// <summary>A place to name on a map.</summary>
/// <param name="Name">The name as labelled.</param>
/// <param name="X">Easting (British National Grid metres).</param>
/// <param name="Y">Northing.</param>
/// <param name="Emphasis">True for an area's name (a district or hub), drawn bold.</param>
/// <param name="Point">True for a town: a dot at the place and the name beside it; false: the name centred on the place.</param>
public sealed record MapPlace(string Name, double X, double Y, bool Emphasis = false, bool Point = true);
