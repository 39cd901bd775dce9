namespace TalentHub.Domain.Normalization;

/// <summary>
/// A parsed scale body: the definition and its appliesFrom when <see cref="Errors"/> is empty; else null and, by field
/// (<c>kind</c>, <c>bands[2].from</c>, <c>labels.B</c>, <c>$</c> for the body itself), every problem found.
/// </summary>
public sealed record ParsedScale(ScaleDefinition? Definition, DateOnly? AppliesFrom, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
