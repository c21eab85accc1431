using NeedsAssessment.Store;

namespace NeedsAssessment.Modelling;

/// <summary>A row of <c>model_expected</c> (data-schemas/outputs/model-expected.schema.json).</summary>
public sealed record ModelExpectedRow(
    string Lsoa21Code, string? DistrictCode, double Population, double Observed, double Expected, double? OeRatio, double? OeLower, double? OeUpper,
    double Excess, long ExcessRank, bool SignificantExcess, bool SignificantDeficit, double DeprivationSteps, bool NteArea, double YoungShare,
    bool InFit, string WindowMonths)
{
    /// <summary>The row as the model's own record (a missing ratio or limit as NaN).</summary>
    public AreaExpected ToArea() => new(Lsoa21Code, DistrictCode ?? "", Population, Observed, Expected, OeRatio ?? double.NaN, OeLower ?? double.NaN,
        OeUpper ?? double.NaN, Excess, (int)ExcessRank, SignificantExcess, SignificantDeficit, DeprivationSteps, NteArea, YoungShare, InFit);
}

/// <summary>A row of <c>model_coefficients</c> (data-schemas/outputs/model-coefficients.schema.json).</summary>
public sealed record ModelCoefficientRow(
    string Term, string Description, double Estimate, double? StdError, double? Lower, double? Upper, double? RateRatio, double? RateRatioLower,
    double? RateRatioUpper, double? MlnetEstimate, double? IrlsEstimate, double? RelativeDifference, string EstimateSource, string IntervalMethod,
    double? PearsonDispersion, long AreasFitted);

/// <summary>A row of <c>model_hotspots</c> (data-schemas/outputs/model-hotspots.schema.json).</summary>
public sealed record ModelHotspotRow(string Basis, string Lsoa21Code, string? DistrictCode, double Value, double? GiZ, double? P, double? PAdjusted, string Class, bool Hot);

/// <summary>A row of <c>area_typology</c> (data-schemas/outputs/area-typology.schema.json): columns follow <see cref="AreaTypology.IndicatorNames"/>.</summary>
public sealed record AreaTypologyRow(
    string Lsoa21Code, long Cluster, string Profile, [ResultColumn("z_rate_per_1000")] double? ZRatePer1000, double? ZPublicPlaceShare, double? ZNteShare,
    [ResultColumn("z_under25_share")] double? ZUnder25Share, double? ZDomesticAbuseShare, double? ZWeaponShare, double? ZDeprivationSteps);

/// <summary>A row of <c>area_typology_profiles</c> (data-schemas/outputs/area-typology-profiles.schema.json).</summary>
public sealed record AreaTypologyProfileRow(
    long Cluster, long Areas, string Profile, long K, long Seed, double? MeanSilhouette, double? MinStabilityAri,
    [ResultColumn("z_rate_per_1000")] double? ZRatePer1000, double? ZPublicPlaceShare, double? ZNteShare, [ResultColumn("z_under25_share")] double? ZUnder25Share,
    double? ZDomesticAbuseShare, double? ZWeaponShare, double? ZDeprivationSteps,
    [ResultColumn("mean_rate_per_1000")] double? MeanRatePer1000, double? MeanPublicPlaceShare, double? MeanNteShare, [ResultColumn("mean_under25_share")] double? MeanUnder25Share,
    double? MeanDomesticAbuseShare, double? MeanWeaponShare, double? MeanDeprivationSteps)
{
    /// <summary>The row as the typology's own record (a missing value as NaN), indicators in <see cref="AreaTypology.IndicatorNames"/> order.</summary>
    public ClusterProfile ToProfile() => new((int)Cluster, (int)Areas, Profile,
        new[] { ZRatePer1000, ZPublicPlaceShare, ZNteShare, ZUnder25Share, ZDomesticAbuseShare, ZWeaponShare, ZDeprivationSteps }.Select(v => v ?? double.NaN).ToList(),
        new[] { MeanRatePer1000, MeanPublicPlaceShare, MeanNteShare, MeanUnder25Share, MeanDomesticAbuseShare, MeanWeaponShare, MeanDeprivationSteps }.Select(v => v ?? double.NaN).ToList());
}

/// <summary>A row of <c>forecasts</c> (data-schemas/outputs/forecasts.schema.json).</summary>
public sealed record ForecastRow(
    string DistrictCode, string? DistrictName, DateOnly Month, string Kind, string Method, double? Observed, double Mean,
    double? Lower80, double? Upper80, double? Lower95, double? Upper95)
{
    /// <summary>The row as the forecast's own record.</summary>
    public ForecastPoint ToPoint() => new(DistrictCode, DistrictName ?? DistrictCode, Month.ToDateTime(TimeOnly.MinValue), Kind, Method, Observed, Mean, Lower80, Upper80, Lower95, Upper95);
}

/// <summary>A row of <c>forecast_accuracy</c> (data-schemas/outputs/forecast-accuracy.schema.json).</summary>
public sealed record ForecastAccuracyRow(string DistrictCode, string Method, long Months, double? Mape, double? Coverage80, double? Coverage95);

/// <summary>Everything the model stage wrote, read back through the one typed reader of each table.</summary>
/// <param name="Expected">model_expected, in LSOA order.</param>
/// <param name="Coefficients">model_coefficients, in term order.</param>
/// <param name="Hotspots">model_hotspots.</param>
/// <param name="Typology">area_typology.</param>
/// <param name="Profiles">area_typology_profiles, in cluster order.</param>
/// <param name="Forecasts">forecasts, by district, month, kind and method.</param>
/// <param name="Accuracy">forecast_accuracy.</param>
/// <param name="HiddenAreas">LSOAs whose observed count the model's exports hide under the policy the reader was given.</param>
public sealed record ModelResults(
    IReadOnlyList<ModelExpectedRow> Expected, IReadOnlyList<ModelCoefficientRow> Coefficients, IReadOnlyList<ModelHotspotRow> Hotspots,
    IReadOnlyList<AreaTypologyRow> Typology, IReadOnlyList<AreaTypologyProfileRow> Profiles, IReadOnlyList<ForecastRow> Forecasts,
    IReadOnlyList<ForecastAccuracyRow> Accuracy, IReadOnlySet<string> HiddenAreas);

/// <summary>The model stage's result tables: the one writer and reader of each.</summary>
public static class ModelTables
{
    /// <summary>Replaces the model tables with <paramref name="r"/>, in one transaction.</summary>
    internal static void Write(AssessmentStore store, ModelRunResult r)
    {
        using var tx = store.Connection.BeginTransaction();
        var window = $"{r.WindowStart:yyyy-MM} to {r.WindowEnd:yyyy-MM}";
        ResultTable<ModelExpectedRow>.Write(store, "model_expected", r.Expected.Areas.Select(a => new ModelExpectedRow(
            a.Lsoa21Code, a.DistrictCode, a.Population, a.Observed, a.Expected, a.Ratio, a.RatioLower, a.RatioUpper, a.Excess, a.ExcessRank,
            a.SignificantExcess, a.SignificantDeficit, a.DeprivationSteps, a.NteArea, a.YoungShare, a.InFit, window)));
        ResultTable<ModelCoefficientRow>.Write(store, "model_coefficients", r.Expected.Coefficients.Select(c => new ModelCoefficientRow(
            c.Term, c.Description, c.Estimate, c.StandardError, c.Lower, c.Upper, c.RateRatio, c.RateRatioLower, c.RateRatioUpper, c.MlNetEstimate,
            c.IrlsEstimate, c.RelativeDifference, c.EstimateSource, c.IntervalMethod, r.Expected.PearsonDispersion, r.Expected.AreasFitted)));
        ResultTable<ModelHotspotRow>.Write(store, "model_hotspots", r.Hotspots.Select(h => new ModelHotspotRow(
            h.Basis, h.Lsoa21Code, h.DistrictCode, h.Value, h.Z, h.P, h.PAdjusted, h.Class.ToString(), h.IsHot)));
        ResultTable<AreaTypologyRow>.Write(store, "area_typology", r.Typology.Areas.Select(a =>
        {
            var z = a.Standardised;
            return new AreaTypologyRow(a.Lsoa21Code, a.Cluster, a.Profile, z[0], z[1], z[2], z[3], z[4], z[5], z[6]);
        }));
        var silhouette = r.Typology.Silhouettes.Single(s => s.K == r.Typology.K).MeanSilhouette;
        var stability = r.Typology.StabilityAri.DefaultIfEmpty(double.NaN).Min();
        ResultTable<AreaTypologyProfileRow>.Write(store, "area_typology_profiles", r.Typology.Clusters.Select(c =>
        {
            var (z, m) = (c.Centroid, c.Means);
            return new AreaTypologyProfileRow(c.Cluster, c.Areas, c.Profile, r.Typology.K, r.Typology.Seed, silhouette, stability,
                z[0], z[1], z[2], z[3], z[4], z[5], z[6], m[0], m[1], m[2], m[3], m[4], m[5], m[6]);
        }));
        ResultTable<ForecastRow>.Write(store, "forecasts", r.Forecasts.Points.Select(f => new ForecastRow(
            f.DistrictCode, f.DistrictName, DateOnly.FromDateTime(f.Month), f.Kind, f.Method, f.Observed, f.Mean, f.Lower80, f.Upper80, f.Lower95, f.Upper95)));
        ResultTable<ForecastAccuracyRow>.Write(store, "forecast_accuracy", r.Forecasts.Accuracy.Select(a => new ForecastAccuracyRow(
            a.DistrictCode, a.Method, a.Months, a.Mape, a.Coverage80, a.Coverage95)));
        tx.Commit();
    }

    /// <summary>
    /// Reads every model table (empty lists when the model stage has not run), with the LSOAs whose count the
    /// model's exports hide under <paramref name="policy"/>, so a view hides exactly what the CSVs hide.
    /// </summary>
    public static ModelResults Read(AssessmentStore store, Indicators.SuppressionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(policy);
        return new ModelResults(
            ResultTable<ModelExpectedRow>.Read(store, "model_expected"),
            ResultTable<ModelCoefficientRow>.Read(store, "model_coefficients"),
            ResultTable<ModelHotspotRow>.Read(store, "model_hotspots"),
            ResultTable<AreaTypologyRow>.Read(store, "area_typology"),
            ResultTable<AreaTypologyProfileRow>.Read(store, "area_typology_profiles"),
            ResultTable<ForecastRow>.Read(store, "forecasts"),
            ResultTable<ForecastAccuracyRow>.Read(store, "forecast_accuracy"),
            Modeller.HiddenAreas(store, policy));
    }
}
