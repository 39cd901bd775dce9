using System.Buffers;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using TalentHub.Domain.Normalization;
using TalentHub.Domain.Reconciliation;
using TalentHub.Domain.Records;
using TalentHub.Domain.Standard;
using TalentHub.Infrastructure.Data;
using DomainPendingKind = TalentHub.Domain.Normalization.PendingKind;

namespace TalentHub.Infrastructure.Normalization;

/// <summary>A valid record's normalization outcome, ready to be stored (a valid record has a valid NIP).</summary>
public sealed record RecordNormalizationRow(
    Guid SubmissionId, int RecordIndex, string AgencyCode, string Nip, TalentRecord Record, RecordNormalization Normalization, Func<string, string> ColumnOf)
{
    /// <summary>What reconciliation reads of an accepted record, as <see cref="Data.NormalizedRecord.Observation"/> holds it.</summary>
    public ObservationDocument Observation { get; } = new(
        Record.WithoutScores(),
        [.. Normalization.Results.Select(r => new ObservedLevel(r.AssessmentId, r.Method, r.AssessedAt, r.NationalCode, r.Normalized.Score, r.Normalized.Level))],
        [.. Normalization.Potentials.Select(p => new ObservedPotential(p.AssessmentId, p.Method, p.AssessedAt, p.Normalized.Score, p.Normalized.Level))]);
}

/// <summary>Writes each accepted record's national values (one row a record, with derivations) and pending items by binary COPY.</summary>
public static class NormalizationWriter
{
    public const string CompetencyKind = "COMPETENCY";
    public const string PotentialKind = "POTENTIAL";
    public const string IgnoredKind = "IGNORED";

    public static async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<RecordNormalizationRow> rows, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        await using (var values = await connection.BeginBinaryImportAsync(
            "COPY normalized_records (submission_id, record_index, agency_code, nip, mapping_keys, values, observation, assessment_keys) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in rows)
            {
                if (row.Normalization.Errors.Count > 0 || row.Normalization.Pending.Count > 0)
                {
                    continue;
                }

                buffer.ResetWrittenCount();
                var keys = WriteValues(buffer, row);
                await values.StartRowAsync(cancellationToken);
                await values.WriteAsync(row.SubmissionId, NpgsqlDbType.Uuid, cancellationToken);
                await values.WriteAsync(row.RecordIndex, NpgsqlDbType.Integer, cancellationToken);
                await values.WriteAsync(row.AgencyCode, NpgsqlDbType.Text, cancellationToken);
                await values.WriteAsync(row.Nip, NpgsqlDbType.Text, cancellationToken);
                await values.WriteAsync(keys, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                await values.WriteAsync(Encoding.UTF8.GetString(buffer.WrittenSpan), NpgsqlDbType.Text, cancellationToken);
                await values.WriteAsync(JsonSerializer.Serialize(row.Observation, ObservationJson.Default.ObservationDocument), NpgsqlDbType.Text, cancellationToken);
                await values.WriteAsync(AssessmentKeys(row.Normalization), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            }

            await values.CompleteAsync(cancellationToken);
        }

        await using var pending = await connection.BeginBinaryImportAsync(
            "COPY pending_mappings (submission_id, record_index, seq, agency_code, kind, scale_code, value, canonical_value, pointer) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var row in rows.Where(r => r.Normalization.Errors.Count == 0))
        {
            var seq = 0;
            foreach (var item in row.Normalization.Pending)
            {
                await pending.StartRowAsync(cancellationToken);
                await pending.WriteAsync(row.SubmissionId, NpgsqlDbType.Uuid, cancellationToken);
                await pending.WriteAsync(row.RecordIndex, NpgsqlDbType.Integer, cancellationToken);
                await pending.WriteAsync(seq++, NpgsqlDbType.Integer, cancellationToken);
                await pending.WriteAsync(row.AgencyCode, NpgsqlDbType.Text, cancellationToken);
                await pending.WriteAsync(UpperSnakeCase.Of(ToStorage(item.Kind)), NpgsqlDbType.Text, cancellationToken);
                await pending.WriteNullableAsync(item.ScaleCode, NpgsqlDbType.Text, cancellationToken);
                await pending.WriteAsync(BinaryImport.Bounded(item.Value, 200), NpgsqlDbType.Text, cancellationToken);
                await pending.WriteAsync(BinaryImport.Bounded(item.Kind == DomainPendingKind.Scale ? item.Value : CompetencyNames.Canonical(item.Value), 200), NpgsqlDbType.Text, cancellationToken);
                await pending.WriteAsync(BinaryImport.Bounded(row.ColumnOf(item.Pointer), 300), NpgsqlDbType.Text, cancellationToken);
            }
        }

        await pending.CompleteAsync(cancellationToken);
    }

    /// <summary>The mapping keys of a scale code and of a canonical agency name, as stored in <c>mapping_keys</c>.</summary>
    public static string ScaleKey(string scaleCode) => "S:" + scaleCode;

    public static string NameKey(string canonicalName) => "N:" + canonicalName;

    /// <summary>
    /// A key of <c>assessment_keys</c>: a method and an assessment date of the record's values. The nightly refresh finds
    /// the records whose assessments turn stale on a day by these (the validity in years belongs to the standard).
    /// </summary>
    public static string AssessmentKey(string method, DateOnly assessedAt) =>
        method + " " + assessedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string[] AssessmentKeys(RecordNormalization normalization) =>
        [.. normalization.Results.Select(r => AssessmentKey(r.Method, r.AssessedAt))
            .Concat(normalization.Potentials.Select(p => AssessmentKey(p.Method, p.AssessedAt)))
            .Distinct(StringComparer.Ordinal)];

    public static Data.PendingKind ToStorage(DomainPendingKind kind) => kind switch
    {
        DomainPendingKind.Scale => Data.PendingKind.Scale,
        DomainPendingKind.Competency => Data.PendingKind.Competency,
        _ => Data.PendingKind.Label,
    };

    private static string[] WriteValues(IBufferWriter<byte> output, RecordNormalizationRow row)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        using var json = new Utf8JsonWriter(output);
        json.WriteStartArray();
        foreach (var result in row.Normalization.Results)
        {
            WriteResult(json, result);
            json.WriteStartArray("parts");
            foreach (var part in result.Parts)
            {
                var canonical = CompetencyNames.Canonical(part.AgencyCompetency);
                keys.Add(ScaleKey(part.ScaleCode));
                keys.Add(NameKey(canonical));
                json.WriteStartObject();
                json.WriteString("pointer", row.ColumnOf(part.Pointer));
                json.WriteString("agencyCompetency", part.AgencyCompetency);
                json.WriteString("rawValue", part.RawValue);
                json.WriteString("scaleCode", part.ScaleCode);
                json.WriteNumber("scaleVersion", part.ScaleVersion);
                json.WriteNumber("score", part.Normalized.Score);
                json.WriteNumber("level", part.Normalized.Level);
                json.WriteString("mappedBy", part.MappedBy);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        foreach (var potential in row.Normalization.Potentials)
        {
            keys.Add(ScaleKey(potential.ScaleCode));
            WritePotential(json, potential);
            json.WriteString("rawValue", potential.RawValue);
            json.WriteString("scaleCode", potential.ScaleCode);
            json.WriteNumber("scaleVersion", potential.ScaleVersion);
            json.WriteEndObject();
        }

        foreach (var ignored in row.Normalization.Ignored)
        {
            keys.Add(NameKey(CompetencyNames.Canonical(ignored.AgencyCompetency)));
            json.WriteStartObject();
            json.WriteString("kind", IgnoredKind);
            json.WriteString("assessmentId", ignored.AssessmentId);
            json.WriteString("pointer", row.ColumnOf(ignored.Pointer));
            json.WriteString("agencyCompetency", ignored.AgencyCompetency);
            json.WriteString("rawValue", ignored.RawValue);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.Flush();
        return [.. keys];
    }

    /// <summary>Opens a COMPETENCY value and writes its national result.</summary>
    private static void WriteResult(Utf8JsonWriter json, NormalizedResult result)
    {
        WriteHead(json, CompetencyKind, result.AssessmentId, result.Method, result.AssessedAt);
        json.WriteString("nationalCode", result.NationalCode);
        json.WriteNumber("score", result.Normalized.Score);
        json.WriteNumber("level", result.Normalized.Level);
    }

    /// <summary>Opens a POTENTIAL value and writes its national result.</summary>
    private static void WritePotential(Utf8JsonWriter json, NormalizedPotential potential)
    {
        WriteHead(json, PotentialKind, potential.AssessmentId, potential.Method, potential.AssessedAt);
        json.WriteNumber("score", potential.Normalized.Score);
        json.WriteNumber("level", potential.Normalized.Level);
    }

    private static void WriteHead(Utf8JsonWriter json, string kind, string assessmentId, string method, DateOnly assessedAt)
    {
        json.WriteStartObject();
        json.WriteString("kind", kind);
        json.WriteString("assessmentId", assessmentId);
        json.WriteString("method", method);
        json.WriteString("assessedAt", assessedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }
}
