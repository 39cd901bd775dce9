using System.Globalization;
using System.Text;
using TalentHub.Domain.Normalization;
using TalentHub.Domain.Records;
using TalentHub.Domain.Standard;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Normalization;

namespace TalentHub.Infrastructure.Ingestion;

/// <summary>A staged record as the processing job reads it: its text and the NIP it named when staged.</summary>
public sealed record StagedRow(int RecordIndex, int? Line, string Raw, string? IngestError, string? Nip);

/// <summary>What a record came to: its errors, or its typed record and normalization; its state follows from them.</summary>
public sealed record Verdict(int RecordIndex, int? Line, string? Nip, IReadOnlyList<RecordError> Errors, RecordNormalizationRow? Normalized = null)
{
    private static readonly string RejectedState = UpperSnakeCase.Of(RecordState.Rejected);
    private static readonly string AcceptedState = UpperSnakeCase.Of(RecordState.Accepted);
    private static readonly string PendingState = UpperSnakeCase.Of(RecordState.PendingMapping);

    public string State => Errors.Count > 0 ? RejectedState : Normalized is { Normalization.Pending.Count: > 0 } ? PendingState : AcceptedState;

    /// <summary>The record is accepted: its national values are complete, and its person is reconciled with the chunk.</summary>
    public bool IsAccepted => Errors.Count == 0 && Normalized is { Normalization.Pending.Count: 0 };
}

/// <summary>
/// The submission being processed, as its records are judged: the agency, the body format, the date records are judged
/// against, and the NIPs that more than one of its records name (with how many).
/// </summary>
public sealed record SubmissionUnderWay(
    Guid Id,
    string AgencyCode,
    SubmissionFormat Format,
    bool CsvDecimalComma,
    int Received,
    DateTimeOffset ReceivedAt,
    DateOnly EvaluatedOn,
    IReadOnlyDictionary<string, int> DuplicateNips);

/// <summary>
/// Validates, then normalizes a valid record against the agency's mappings (docs/domain/records.md,
/// docs/domain/normalization.md): the record is parsed once, by the validator, whose typed record the normalizer, the
/// stored observation and reconciliation use. Pure but for the clock that times normalization.
/// </summary>
public static class RecordJudge
{
    public static Verdict Judge(SubmissionUnderWay submission, ValidationContext context, AgencyMappings mappings, NormalizationClock normalizing, StagedRow row)
    {
        var verdict = JudgeAlone(submission, context, mappings, normalizing, row);
        if (row.Nip is { } nip && submission.DuplicateNips.TryGetValue(nip, out var copies))
        {
            // docs/domain/records.md#outcome: every record of a submission that shares its NIP with another is rejected, so the agency decides.
            var duplicate = new RecordError(
                submission.Format == SubmissionFormat.Csv ? "nip" : "/nip",
                RecordErrorCodes.DuplicateNipInSubmission,
                string.Create(CultureInfo.InvariantCulture, $"This NIP appears in {copies} records of the submission; all of them are rejected."));
            return verdict with { Errors = [.. verdict.Errors, duplicate], Normalized = null };
        }

        if (verdict.Errors.Count == 0 && verdict.Normalized is { } normalized && normalized.Nip != row.Nip)
        {
            // Never expected: the staged NIP is read by the rules the validator reads it by. A record whose NIP the two
            // read differently cannot be held to the duplicate rule, so it is not accepted.
            return verdict with
            {
                Errors = [new RecordError(submission.Format == SubmissionFormat.Csv ? "nip" : "/nip", RecordErrorCodes.MalformedRecord, "The record's NIP could not be read unambiguously.")],
                Normalized = null,
            };
        }

        return verdict;
    }

    private static Verdict JudgeAlone(SubmissionUnderWay submission, ValidationContext context, AgencyMappings mappings, NormalizationClock normalizing, StagedRow row)
    {
        if (row.IngestError is not null)
        {
            return new Verdict(row.RecordIndex, row.Line, row.Nip, [new RecordError("", RecordErrorCodes.MalformedRecord, row.IngestError)]);
        }

        if (submission.Format != SubmissionFormat.Csv)
        {
            var validation = RecordValidator.Validate(Encoding.UTF8.GetBytes(row.Raw), context);
            if (validation.Record is not { } record)
            {
                return new Verdict(row.RecordIndex, row.Line, row.Nip, validation.Errors);
            }

            var normalization = normalizing.Measure(() => RecordNormalizer.Normalize(record, mappings));
            return new Verdict(
                row.RecordIndex,
                row.Line,
                row.Nip,
                normalization.Errors,
                new RecordNormalizationRow(submission.Id, row.RecordIndex, submission.AgencyCode, record.Nip, record, normalization, pointer => pointer));
        }

        var mapped = StagedCsvRow.Map(row.Raw, submission.CsvDecimalComma);
        var csvValidation = RecordValidator.Validate(mapped.Utf8Json, context);
        var errors = new List<RecordError>(mapped.ColumnErrors);
        foreach (var error in csvValidation.Errors)
        {
            errors.Add(error with { Pointer = mapped.ColumnOf(error.Pointer) });
        }

        if (errors.Count > 0 || csvValidation.Record is not { } csvRecord)
        {
            return new Verdict(row.RecordIndex, row.Line, row.Nip, errors);
        }

        var csvNormalization = normalizing.Measure(() => RecordNormalizer.Normalize(csvRecord, mappings));
        return new Verdict(
            row.RecordIndex,
            row.Line,
            row.Nip,
            [.. csvNormalization.Errors.Select(e => e with { Pointer = mapped.ColumnOf(e.Pointer) })],
            new RecordNormalizationRow(submission.Id, row.RecordIndex, submission.AgencyCode, csvRecord.Nip, csvRecord, csvNormalization, mapped.ColumnOf));
    }
}
