using System.Globalization;
using TalentHub.Domain.Records;

namespace TalentHub.Domain.Normalization;

/// <summary>
/// Normalizes the results and potentials of one validated, typed record against its agency's mappings
/// (docs/domain/normalization.md).
/// <para>
/// Per result: a competency mapped to IGNORE is set aside before its scale is looked at. Otherwise an unknown
/// competency and an unknown scale (or a scale none of whose versions applies on the assessment date) each add a
/// pending item; a label missing from a LABELS scale is pending too. A number outside a LINEAR or BANDS scale, and a
/// string that is not a number on one, are score_out_of_scale errors: no later mapping can make them readable on that
/// scale. A number on a LABELS scale is looked up as a label by its JSON text.
/// </para>
/// </summary>
public static class RecordNormalizer
{
    private const string NotValidated = "The record must have passed validation (docs/domain/records.md).";

    /// <summary>Normalizes a record that passed validation, so that its shape is right.</summary>
    /// <exception cref="ArgumentException">The record does not have the validated shape.</exception>
    public static RecordNormalization Normalize(TalentRecord record, AgencyMappings mappings)
    {
        ArgumentNullException.ThrowIfNull(record);
        var builder = new Builder(mappings);
        for (var index = 0; index < record.Assessments.Count; index++)
        {
            var given = record.Assessments[index];
            var assessment = new Assessment(index, given.Id ?? string.Empty, given.Method ?? string.Empty, given.AssessedAt ?? throw new ArgumentException(NotValidated), given.Scale);
            NormalizeResults(given.Results, assessment, builder);
            if (given.Potential is { } potential)
            {
                NormalizePotential(potential, assessment, builder);
            }
        }

        return builder.Build();
    }

    private static void NormalizeResults(IReadOnlyList<RecordResult> results, Assessment assessment, Builder builder)
    {
        List<(string NationalCode, ResultPart Part)>? parts = null;
        for (var index = 0; index < results.Count; index++)
        {
            var result = results[index];
            var score = result.Score ?? throw new ArgumentException(NotValidated);
            var at = string.Create(CultureInfo.InvariantCulture, $"/assessments/{assessment.Index}/results/{index}");
            if (!builder.TryMap(assessment, at, result.Competency, score, out var mapping))
            {
                continue;
            }

            // Read even when the competency waits, so that the record also reports its scale's problems.
            if (builder.Read(assessment, at, result.Scale ?? assessment.Scale, score) is { } read && mapping is { } mapped)
            {
                var part = new ResultPart(at, result.Competency, score.Text, read.Code, read.Version, read.Score, mapped.MappedBy);
                (parts ??= []).Add((mapped.NationalCode, part));
            }
        }

        if (parts is not null)
        {
            builder.AddResults(assessment, parts);
        }
    }

    private static void NormalizePotential(RecordPotential potential, Assessment assessment, Builder builder)
    {
        var score = potential.Score ?? throw new ArgumentException(NotValidated);
        var at = string.Create(CultureInfo.InvariantCulture, $"/assessments/{assessment.Index}/potential");
        if (builder.Read(assessment, at, potential.Scale ?? assessment.Scale, score) is { } read)
        {
            builder.AddPotential(new NormalizedPotential(
                assessment.Index, assessment.Id, assessment.Method, assessment.AssessedAt, score.Text, read.Code, read.Version, read.Score));
        }
    }

    private sealed record Assessment(int Index, string Id, string Method, DateOnly AssessedAt, string? Scale);

    private readonly record struct Mapping(string NationalCode, string MappedBy);

    private readonly record struct ReadScore(string Code, int Version, NormalizedScore Score);

    /// <summary>Collects the outcome of one record; its lists are only created when something goes in them.</summary>
    private sealed class Builder(AgencyMappings mappings)
    {
        private List<NormalizedResult>? _results;
        private List<NormalizedPotential>? _potentials;
        private List<IgnoredResult>? _ignored;
        private List<PendingItem>? _pending;
        private List<RecordError>? _errors;

        /// <summary>
        /// The national code of a result's competency, the dictionary first, then the national codes; null when
        /// pending. False when the competency is ignored: the result is set aside and nothing more is read.
        /// </summary>
        public bool TryMap(Assessment assessment, string at, string competency, RecordScore score, out Mapping? mapping)
        {
            mapping = null;
            var canonical = CompetencyNames.Canonical(competency);
            if (mappings.Dictionary.TryGetValue(canonical, out var mapped))
            {
                if (string.Equals(mapped, CompetencyNames.Ignore, StringComparison.Ordinal))
                {
                    (_ignored ??= []).Add(new IgnoredResult(assessment.Index, assessment.Id, at, competency, score.Text));
                    return false;
                }

                mapping = new Mapping(mapped, MappedBy.Dictionary);
            }
            else if (mappings.NationalCodes.Contains(canonical))
            {
                mapping = new Mapping(canonical, MappedBy.NationalCode);
            }
            else
            {
                (_pending ??= []).Add(new PendingItem(PendingKind.Competency, null, competency, at));
            }

            return true;
        }

        /// <summary>The score read on its scale's applicable version; null when pending or in error.</summary>
        public ReadScore? Read(Assessment assessment, string at, string? code, RecordScore score)
        {
            if (code is null)
            {
                throw new ArgumentException(NotValidated);
            }

            if (!mappings.Scales.TryGetValue(code, out var versions) || ScaleVersions.For(versions, assessment.AssessedAt) is not { } version)
            {
                (_pending ??= []).Add(new PendingItem(PendingKind.Scale, code, code, at));
                return null;
            }

            var outcome = Scales.Normalize(version.Definition, score.Text, score.IsNumber);
            if (outcome.Normalized is { } normalized)
            {
                return new ReadScore(code, version.Version, normalized);
            }

            if (outcome.Failure == ScoreFailure.UnknownLabel)
            {
                (_pending ??= []).Add(new PendingItem(PendingKind.Label, code, score.Text, at));
            }
            else
            {
                (_errors ??= []).Add(new RecordError(at + "/score", RecordErrorCodes.ScoreOutOfScale, OutOfScaleMessage(code, version, score, outcome.Failure)));
            }

            return null;
        }

        public void AddPotential(NormalizedPotential potential) => (_potentials ??= []).Add(potential);

        /// <summary>One national result per national code, in the order of first appearance; several parts give their mean.</summary>
        public void AddResults(Assessment assessment, List<(string NationalCode, ResultPart Part)> parts)
        {
            _results ??= [];
            for (var i = 0; i < parts.Count; i++)
            {
                var code = parts[i].NationalCode;
                if (IndexOf(parts, code, 0) < i)
                {
                    continue;
                }

                var count = 0;
                var sum = 0m;
                for (var j = i; j >= 0; j = IndexOf(parts, code, j + 1))
                {
                    count++;
                    sum += parts[j].Part.Normalized.Score;
                }

                var same = new ResultPart[count];
                for (int j = i, k = 0; j >= 0; j = IndexOf(parts, code, j + 1))
                {
                    same[k++] = parts[j].Part;
                }

                var normalized = count == 1 ? same[0].Normalized : NormalizedScore.FromUnrounded(sum / count);
                _results.Add(new NormalizedResult(assessment.Index, assessment.Id, assessment.Method, assessment.AssessedAt, code, normalized, same));
            }
        }

        private static int IndexOf(List<(string NationalCode, ResultPart Part)> parts, string code, int start)
        {
            for (var i = start; i < parts.Count; i++)
            {
                if (string.Equals(parts[i].NationalCode, code, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        public RecordNormalization Build() =>
            new(OrEmpty(_results), OrEmpty(_potentials), OrEmpty(_ignored), OrEmpty(_pending), OrEmpty(_errors));

        private static IReadOnlyList<T> OrEmpty<T>(List<T>? list) => list is null ? [] : list;

        private static string OutOfScaleMessage(string code, ScaleVersion version, RecordScore score, ScoreFailure failure)
        {
            var raw = TextRules.Echo(score.Text);
            var scale = $"scale {TextRules.Echo(code)} (version {version.Version.ToString(CultureInfo.InvariantCulture)})";
            return (failure, version.Definition) switch
            {
                (ScoreFailure.OutOfScale, LinearScale linear) =>
                    $"{raw} is outside {scale}, which runs from {Plain(linear.Min)} to {Plain(linear.Max)}; scores are never clamped.",
                (ScoreFailure.OutOfScale, BandsScale { Bands.Count: > 0 } bands) =>
                    $"{raw} is outside {scale}, whose bands run from {Plain(bands.Bands[0].From)} to {Plain(bands.Bands[^1].To)}; scores are never clamped.",
                (ScoreFailure.NotALabel, _) => $"{raw} is not a label; {scale} reads labels.",
                (ScoreFailure.NotANumber, _) => $"{raw} is not a number; {scale} reads numbers.",
                _ => $"{raw} is outside {scale}.",
            };
        }

        private static string Plain(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
    }
}
