namespace NeedsAssessment.Indicators;

/// <summary>What <see cref="SmallNumberSuppression.Protect"/> decided for each cell of a <see cref="PublishedCounts"/>.</summary>
/// <param name="Hidden">True where a reader is not shown the count (its row is hidden, or it was never published).</param>
/// <param name="Primary">True where the count itself is in the policy's range.</param>
public sealed record CellSuppression(IReadOnlyList<bool> Hidden, IReadOnlyList<bool> Primary)
{
    /// <summary>Cells hidden because of their own count.</summary>
    public int PrimaryCount => Primary.Count(p => p);

    /// <summary>Cells hidden so that another cannot be worked out (complementary suppression).</summary>
    public int SecondaryCount => Hidden.Where((h, i) => h && !Primary[i]).Count();
}
