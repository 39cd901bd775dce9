using TalentHub.DataGen.Difficulties;
using TalentHub.DataGen.Mappings;

namespace TalentHub.DataGen.Records;

public sealed class PositionData
{
    public required string Title { get; set; }

    public required string Level { get; set; }

    public required string Unit { get; init; }

    public required string JobFamily { get; init; }

    public required string Province { get; init; }

    public required string Since { get; set; }
}

public sealed record HistoryData(string Title, string Level, string Unit, string? AgencyCode, string From, string To);

/// <summary>A result; <see cref="Score"/> is a decimal or a label, <see cref="Scale"/> set only when it differs from the assessment's.</summary>
public sealed record ResultData(string Competency, object Score, string? Scale);

public sealed record PotentialData(decimal Score, string Scale);

public sealed class AssessmentData
{
    public required string Id { get; init; }

    public required string Method { get; set; }

    public required string Scale { get; init; }

    public required string AssessedAt { get; set; }

    public required string Assessor { get; init; }

    public required List<ResultData> Results { get; init; }

    public PotentialData? Potential { get; set; }
}

public sealed record PerformanceData(int Year, string? Rating, string? HasilKerja, string? Perilaku, decimal? Score);

/// <summary>Why a valid record waits for a mapping; <see cref="JsonOnly"/> when it sits in what CSV cannot carry.</summary>
public sealed record PendingReason(UnmappedKind Kind, string? Scale, string Value, bool JsonOnly);

/// <summary>
/// A planted error: its code, its JSON Pointer, and the CSV column that carries it (null when CSV cannot express
/// the defect: the CSV row is then the clean record).
/// </summary>
public sealed record PlantedError(string Code, string Pointer, string? CsvColumn);

/// <summary>One talent record (docs/domain/records.md) as an agency sends it, with what the generator knows about it.</summary>
public sealed class TalentRecord
{
    public required string Nip { get; set; }

    public string? Nik { get; set; }

    public string? Name { get; set; }

    public required string BirthDate { get; init; }

    public string? BirthPlace { get; set; }

    public required string Gender { get; set; }

    public required string EmploymentType { get; init; }

    public required string Status { get; set; }

    public string? Grade { get; set; }

    public PositionData? Position { get; set; }

    public List<HistoryData> History { get; } = [];

    public List<AssessmentData> Assessments { get; } = [];

    public List<PerformanceData> Performance { get; set; } = [];

    /// <summary>The SKP years the CSV row carries when a JSON-only defect changed <see cref="Performance"/>.</summary>
    public List<PerformanceData>? CsvPerformance { get; set; }

    public List<string> PreviousNips { get; } = [];

    public required string SourceUpdatedAt { get; set; }

    /// <summary>A defect only the writers can make (malformed line, unknown field, wrong JSON type); null otherwise.</summary>
    public DefectKind? WriterDefect { get; set; }

    public List<PlantedError> Errors { get; } = [];

    public List<PendingReason> Pending { get; } = [];

    /// <summary>The person this record describes, and how (PRIMARY, FORMER_AGENCY, CONCURRENT, DUPLICATE_NIP).</summary>
    public required int PersonId { get; init; }

    public required string View { get; init; }
}
