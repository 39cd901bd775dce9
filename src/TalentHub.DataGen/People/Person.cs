using TalentHub.Domain.Identity;
using TalentHub.Domain.Standard;

namespace TalentHub.DataGen.People;

/// <summary>The planted difficulty a person carries; at most one each.</summary>
public enum PersonRole
{
    Regular,
    Invalid,
    Mover,
    Concurrent,
    Duplicate,
    FormerPppk,
}

public enum Status
{
    Active,
    Retired,
    Deceased,
    Dismissed,
    Resigned,
    TransferredOut,
}

public enum Predikat
{
    SangatBaik,
    Baik,
    ButuhPerbaikan,
    Kurang,
    SangatKurang,
}

/// <summary>A job: the current position (no <see cref="To"/>) or one of the history; <see cref="AgencyIndex"/> is where it was held.</summary>
public sealed record Job(string Title, PositionLevel Level, string Unit, string JobFamily, string Province, DateOnly From, DateOnly? To, int AgencyIndex);

/// <summary>
/// An assessment event, independent of the agency that writes it up (its method, scale and names); <see cref="Potential"/>
/// (0–100) is written only for methods that assess potential.
/// </summary>
public sealed record AssessmentEvent(DateOnly Date, int MethodSlot, int Number, int Potential, bool WithTechnical, bool WithAgencyOnly, bool OnOldScale);

/// <summary>One SKP year: the predikat and the form the agency used (0 predikat, 1 the two ratings, 2 legacy score).</summary>
public sealed record PerformanceYear(int Year, Predikat Predikat, int Form, decimal Score, int PairChoice);

/// <summary>Everything true about one civil servant; agencies' records are views of it.</summary>
public sealed class Person
{
    public required int Id { get; init; }

    /// <summary>The seed of this person's own streams (views written by other agencies draw from it too).</summary>
    public required ulong Stream { get; init; }

    public required PersonRole Role { get; init; }

    public required int HomeAgency { get; init; }

    /// <summary>The other agency of a mover (where they came from), a concurrent or a duplicate; -1 when none.</summary>
    public required int PartnerAgency { get; init; }

    public required string Nip { get; init; }

    public required string Nik { get; init; }

    public required string PlainName { get; init; }

    public required string Name { get; init; }

    public required DateOnly BirthDate { get; init; }

    public required string BirthPlace { get; init; }

    public required Gender Gender { get; init; }

    public required EmploymentType EmploymentType { get; init; }

    public required Status Status { get; init; }

    public required string Grade { get; init; }

    public required DateOnly ServiceStart { get; init; }

    public required Job Current { get; init; }

    /// <summary>Earlier jobs, newest first, contiguous back to the start of service.</summary>
    public required IReadOnlyList<Job> History { get; init; }

    public required IReadOnlyList<AssessmentEvent> Assessments { get; init; }

    /// <summary>True levels 1–5 of the nine managerial and socio-cultural competencies, then of the technical ones.</summary>
    public required int[] Levels { get; init; }

    /// <summary>SKP years, newest first.</summary>
    public required IReadOnlyList<PerformanceYear> Performance { get; init; }

    public required DateTimeOffset SourceUpdatedAt { get; init; }

    /// <summary>The earlier PPPK NIP of a PPPK who became PNS.</summary>
    public string? PreviousNip { get; init; }

    /// <summary>A second NIP under which a planted duplicate record is sent.</summary>
    public string? DuplicateNip { get; init; }

    public bool DuplicateInSameAgency { get; init; }

    /// <summary>For movers: the first day at the home agency.</summary>
    public DateOnly? MoveDate { get; init; }

    /// <summary>For movers: the former agency still reports them ACTIVE (a stale view).</summary>
    public bool FormerStillActive { get; init; }

    /// <summary>For movers: the home agency also rates the year before the move, differently from the former agency.</summary>
    public bool PerformanceMismatch { get; init; }

    /// <summary>The identity field the partner agency holds differently (name, nik, birthPlace), or null.</summary>
    public string? IdentityMismatchField { get; init; }

    /// <summary>For planted invalid records: the kind of error (index into <see cref="Difficulties.DefectKind"/>).</summary>
    public Difficulties.DefectKind? Defect { get; init; }

    /// <summary>The first day and job family of the job held in the partner agency (concurrent or duplicate views).</summary>
    public required DateOnly SecondarySince { get; init; }

    public required int SecondaryFamily { get; init; }

    /// <summary>A valid NIK of the same person other than <see cref="Nik"/> (what a mismatching agency holds).</summary>
    public required string OtherNik { get; init; }
}
