namespace NeedsAssessment.Store;

/// <summary>
/// Names the result-table column of a row record's parameter where the PascalCase-to-snake_case rule cannot
/// (<c>z_rate_per_1000</c>: the rule keeps digits with the word before them, as in <c>lower95</c>).
/// </summary>
/// <param name="name">Column name as the schema declares it.</param>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ResultColumnAttribute(string name) : Attribute
{
    /// <summary>Column name as the schema declares it.</summary>
    public string Name { get; } = name;
}
