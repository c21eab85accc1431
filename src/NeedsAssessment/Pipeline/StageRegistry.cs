namespace NeedsAssessment.Pipeline;

/// <summary>
/// The stages after classification, in pipeline order. Each later stage adds one line here as it lands.
/// </summary>
internal static class StageRegistry
{
    private static int _registered;

    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
    }
}
