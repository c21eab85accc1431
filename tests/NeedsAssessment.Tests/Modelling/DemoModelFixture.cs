using NeedsAssessment.Modelling;
using NeedsAssessment.Pipeline;
using NeedsAssessment.Store;
using NeedsAssessment.Synthetic;

namespace NeedsAssessment.Tests.Modelling;

/// <summary>One three-year demo county (seed 42, shared with other classes), modelled again once for the class.</summary>
public sealed class DemoModelFixture : IDisposable
{
    public DemoModelFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "na-model-" + Guid.NewGuid().ToString("N"));
        Run = SharedDemo.Get(seed: 42, years: 3);
        Truth = SyntheticGroundTruth.Load(Run.Data.GroundTruthPath);
        Store = AssessmentStore.Open(Run.StorePath);
        Options = new ModelOptions();
        lock (SharedDemo.StageLock) Result = Modeller.Run(Store, Options);
        Areas = ModelData.Areas(Store, Result.Options.Source!, Options.WindowMonths);
    }

    public string Folder { get; }
    public DemoRun Run { get; }
    public SyntheticGroundTruth Truth { get; }
    public AssessmentStore Store { get; }
    public ModelOptions Options { get; }
    public ModelRunResult Result { get; }
    public IReadOnlyList<AreaData> Areas { get; }

    /// <summary>
    /// LSOAs that receive at least 10% of a planted hotspot's events: events fall uniformly in the circle and land in the
    /// Voronoi cell of the nearest area seed, which is the published centroid, so a 20 m lattice over the circle
    /// assigned to nearest centroids gives each area's share.
    /// </summary>
    public IReadOnlySet<string> ReceivingAreas(PlantedHotspot h)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        int total = 0;
        for (double dx = -h.RadiusMetres; dx <= h.RadiusMetres; dx += 20)
        for (double dy = -h.RadiusMetres; dy <= h.RadiusMetres; dy += 20)
        {
            if (dx * dx + dy * dy > h.RadiusMetres * h.RadiusMetres) continue;
            var code = Areas.MinBy(a => (a.X - h.X - dx) * (a.X - h.X - dx) + (a.Y - h.Y - dy) * (a.Y - h.Y - dy))!.Lsoa21Code;
            counts[code] = counts.GetValueOrDefault(code) + 1;
            total++;
        }
        return counts.Where(kv => kv.Value >= 0.1 * total).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
    }

    public void Dispose()
    {
        Store.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
