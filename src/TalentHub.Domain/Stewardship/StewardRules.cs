using TalentHub.Domain.Identity;
using TalentHub.Domain.Reconciliation;
using TalentHub.Domain.Records;
using TalentHub.Domain.Standard;

namespace TalentHub.Domain.Stewardship;

/// <summary>The kinds of steward decision kept in the audit (docs/domain/reconciliation.md#stewardship).</summary>
public static class StewardDecisionKinds
{
    public const string Resolution = "RESOLUTION";
    public const string Link = "LINK";
    public const string KeepApart = "KEEP_APART";
    public const string Unmerge = "UNMERGE";
}

/// <summary>The states of a conflict or POSSIBLE_DUPLICATE item.</summary>
public static class ConflictStatuses
{
    public const string Open = "OPEN";

    /// <summary>Survivorship no longer finds the conflict (the sources agree again).</summary>
    public const string Closed = "CLOSED";

    /// <summary>A steward decided it (a resolution, a link or keep-apart).</summary>
    public const string Resolved = "RESOLVED";

    public static bool IsKnown(string status) => status is Open or Closed or Resolved;
}

/// <summary>
/// Why a POSSIBLE_DUPLICATE item was raised (docs/domain/reconciliation.md#possible-duplicates), stored as
/// <c>KIND:key</c>: the shared NIK, the shared normalized name with birth date and agency, or an agency's
/// <c>previousNips</c> that a steward had separated. A kept-apart pair is raised again only with evidence the steward
/// has not seen.
/// </summary>
public static class DuplicateEvidence
{
    public const string SameNik = "SAME_NIK";
    public const string SameNameAndBirthDate = "SAME_NAME_AND_BIRTH_DATE";
    public const string PreviousNips = "PREVIOUS_NIPS";

    /// <summary>The kind and key of a stored evidence item (<c>KIND:key</c>; PREVIOUS_NIPS has no key).</summary>
    public static (string Kind, string? Key) Parse(string evidence)
    {
        var colon = evidence.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (evidence, null) : (evidence[..colon], evidence[(colon + 1)..]);
    }
}

/// <summary>What a steward may decide on a conflict, and the values a steward may type (validated like the record's fields).</summary>
public static class StewardRules
{
    public const int MaxReasonLength = 1000;

    /// <summary>
    /// The errors of a resolution of <paramref name="conflict"/> (keyed by request property), empty when it is valid.
    /// Exactly one of the chosen agency (one of the candidates') and a typed value; a typed value only for identity
    /// fields (validated as in a record: a NIK must agree with the NIP's birth date and gender) or <c>BOTH</c> for
    /// overlapping positions.
    /// </summary>
    public static Dictionary<string, string[]> ValidateResolution(
        ProfileConflict conflict, string nip, string? chosenAgencyCode, string? chosenValue, string? reason, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ValidateReason(reason, errors);
        if ((chosenAgencyCode is null) == (chosenValue is null))
        {
            errors["chosenAgencyCode"] = ["Give exactly one of chosenAgencyCode and chosenValue."];
            return errors;
        }

        if (chosenAgencyCode is not null)
        {
            if (!conflict.Candidates.Any(c => string.Equals(c.AgencyCode, chosenAgencyCode, StringComparison.Ordinal)))
            {
                errors["chosenAgencyCode"] = ["The chosen agency is not one of the conflict's candidates."];
            }

            return errors;
        }

        var value = chosenValue!;
        switch (conflict.Kind)
        {
            case ConflictKinds.OverlappingPositions when value != StewardResolution.Both:
                errors["chosenValue"] = [$"For OVERLAPPING_POSITIONS the only value is {StewardResolution.Both} (both entries are true); otherwise choose an agency."];
                break;
            case ConflictKinds.IdentityMismatch:
                if (TypedValueError(conflict.Field, value, nip, today) is { } error)
                {
                    errors["chosenValue"] = [error];
                }

                break;
            case ConflictKinds.OverlappingPositions:
                break;
            default:
                errors["chosenValue"] = [$"A {conflict.Kind} conflict is resolved by choosing an agency (chosenAgencyCode)."];
                break;
        }

        return errors;
    }

    public static void ValidateReason(string? reason, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength || TextRules.Inspect(reason) != TextFault.None)
        {
            errors["reason"] = [$"A reason is required: 1 to {MaxReasonLength} characters, no control characters."];
        }
    }

    /// <summary>Why a value a steward typed for an identity field is not acceptable, or null.</summary>
    public static string? TypedValueError(string? field, string value, string nip, DateOnly today)
    {
        var fault = TextRules.Inspect(value);
        switch (field)
        {
            case "name":
                return value.Trim().Length == 0 || value.Length > RecordLimits.NameLength || fault != TextFault.None
                    ? $"A name is 1 to {RecordLimits.NameLength} characters without control characters."
                    : null;
            case "birthPlace":
                return value.Trim().Length == 0 || value.Length > RecordLimits.BirthPlaceLength || fault != TextFault.None
                    ? $"A birth place is 1 to {RecordLimits.BirthPlaceLength} characters without control characters."
                    : null;
            case "nik":
                var decoded = NipRules.Decode(nip, EmploymentType.Pns, today) ?? NipRules.Decode(nip, EmploymentType.Pppk, today);
                var codes = NikRules.Validate(value, decoded?.BirthDate, decoded?.Gender, ProvinceCodes.Reference);
                return codes.Count == 0
                    ? null
                    : codes[0] == IdentityErrorCodes.NikMismatch
                        ? "The NIK's birth date or sex disagrees with the NIP's."
                        : "Not a valid NIK (16 digits: region, birth date, sequence).";
            default:
                return "This field takes no typed value.";
        }
    }
}
