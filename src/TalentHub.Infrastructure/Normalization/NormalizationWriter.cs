using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using TalentHub.Domain.Normalization;
using TalentHub.Domain.Standard;
using TalentHub.Infrastructure.Data;
using DomainPendingKind = TalentHub.Domain.Normalization.PendingKind;

namespace TalentHub.Infrastructure.Normalization;

/// <summary>A record's normalization outcome, ready to be stored.</summary>
public sealed record RecordNormalizationRow(Guid SubmissionId, int RecordIndex, string AgencyCode, string? Nip, RecordNormalization Normalization, Func<string, string> ColumnOf);

/// <summary>Writes normalized values (with their derivation) and pending mapping items by binary COPY.</summary>
public static class NormalizationWriter
{
    private static readonly string CompetencyKind = UpperSnakeCase.Of(NormalizedKind.Competency);
    private static readonly string PotentialKind = UpperSnakeCase.Of(NormalizedKind.Potential);
    private static readonly string IgnoredKind = UpperSnakeCase.Of(NormalizedKind.Ignored);

    public static async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<RecordNormalizationRow> rows, CancellationToken cancellationToken)
    {
        await using (var values = await connection.BeginBinaryImportAsync(
            """
            COPY normalized_values (submission_id, record_index, seq, agency_code, nip, kind, assessment_id, method, assessed_at,
                national_code, score, level, scale_codes, competency_names, derivation) FROM STDIN (FORMAT BINARY)
            """,
            cancellationToken))
        {
            foreach (var row in rows.Where(r => r.Normalization.Errors.Count == 0 && r.Normalization.Pending.Count == 0))
            {
                var seq = 0;
                foreach (var result in row.Normalization.Results)
                {
                    await WriteValueAsync(
                        values, row, seq++, CompetencyKind, result.AssessmentId, result.Method, result.AssessedAt, result.NationalCode, result.Normalized,
                        [.. result.Parts.Select(p => p.ScaleCode).Distinct()],
                        [.. result.Parts.Select(p => CompetencyNames.Canonical(p.AgencyCompetency)).Distinct()],
                        JsonSerializer.Serialize(result.Parts.Select(p => new
                        {
                            pointer = row.ColumnOf(p.Pointer),
                            agencyCompetency = p.AgencyCompetency,
                            rawValue = p.RawValue,
                            scaleCode = p.ScaleCode,
                            scaleVersion = p.ScaleVersion,
                            score = p.Normalized.Score,
                            level = p.Normalized.Level,
                            mappedBy = p.MappedBy,
                        })),
                        cancellationToken);
                }

                foreach (var potential in row.Normalization.Potentials)
                {
                    await WriteValueAsync(
                        values, row, seq++, PotentialKind, potential.AssessmentId, potential.Method, potential.AssessedAt, null, potential.Normalized,
                        [potential.ScaleCode],
                        [],
                        JsonSerializer.Serialize(new[] { new { rawValue = potential.RawValue, scaleCode = potential.ScaleCode, scaleVersion = potential.ScaleVersion } }),
                        cancellationToken);
                }

                foreach (var ignored in row.Normalization.Ignored)
                {
                    await WriteValueAsync(
                        values, row, seq++, IgnoredKind, ignored.AssessmentId, "", default, CompetencyNames.Ignore, null,
                        [],
                        [CompetencyNames.Canonical(ignored.AgencyCompetency)],
                        JsonSerializer.Serialize(new[] { new { pointer = row.ColumnOf(ignored.Pointer), agencyCompetency = ignored.AgencyCompetency, rawValue = ignored.RawValue } }),
                        cancellationToken);
                }
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
                await WriteNullableAsync(pending, item.ScaleCode, cancellationToken);
                await pending.WriteAsync(Bounded(item.Value), NpgsqlDbType.Text, cancellationToken);
                await pending.WriteAsync(Bounded(item.Kind == DomainPendingKind.Scale ? item.Value : CompetencyNames.Canonical(item.Value)), NpgsqlDbType.Text, cancellationToken);
                await pending.WriteAsync(Bounded(row.ColumnOf(item.Pointer), 300), NpgsqlDbType.Text, cancellationToken);
            }
        }

        await pending.CompleteAsync(cancellationToken);
    }

    public static Data.PendingKind ToStorage(DomainPendingKind kind) => kind switch
    {
        DomainPendingKind.Scale => Data.PendingKind.Scale,
        DomainPendingKind.Competency => Data.PendingKind.Competency,
        _ => Data.PendingKind.Label,
    };

    private static async Task WriteValueAsync(
        NpgsqlBinaryImporter importer,
        RecordNormalizationRow row,
        int seq,
        string kind,
        string assessmentId,
        string method,
        DateOnly assessedAt,
        string? nationalCode,
        NormalizedScore? normalized,
        string[] scaleCodes,
        string[] competencyNames,
        string derivation,
        CancellationToken cancellationToken)
    {
        await importer.StartRowAsync(cancellationToken);
        await importer.WriteAsync(row.SubmissionId, NpgsqlDbType.Uuid, cancellationToken);
        await importer.WriteAsync(row.RecordIndex, NpgsqlDbType.Integer, cancellationToken);
        await importer.WriteAsync(seq, NpgsqlDbType.Integer, cancellationToken);
        await importer.WriteAsync(row.AgencyCode, NpgsqlDbType.Text, cancellationToken);
        await WriteNullableAsync(importer, row.Nip, cancellationToken);
        await importer.WriteAsync(kind, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(Bounded(assessmentId, 64), NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(method, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(assessedAt, NpgsqlDbType.Date, cancellationToken);
        await WriteNullableAsync(importer, nationalCode, cancellationToken);
        if (normalized is { } score)
        {
            await importer.WriteAsync(score.Score, NpgsqlDbType.Numeric, cancellationToken);
            await importer.WriteAsync(score.Level, NpgsqlDbType.Integer, cancellationToken);
        }
        else
        {
            await importer.WriteNullAsync(cancellationToken);
            await importer.WriteNullAsync(cancellationToken);
        }

        await importer.WriteAsync(scaleCodes, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(competencyNames.Select(n => Bounded(n)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(derivation, NpgsqlDbType.Jsonb, cancellationToken);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
        }
    }

    private static string Bounded(string value, int length = 200) => (value.Length <= length ? value : value[..length]).Replace('\0', '\uFFFD');
}
