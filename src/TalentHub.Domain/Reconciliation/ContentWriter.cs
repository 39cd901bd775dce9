using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TalentHub.Domain.Normalization;
using TalentHub.Domain.Standard;

namespace TalentHub.Domain.Reconciliation;

/// <summary>Everything the content of a profile holds, gathered by <see cref="ProfileBuilder"/> for <see cref="ContentWriter"/>.</summary>
internal sealed record ProfileContent(
    string Nip,
    string Name,
    string? Nik,
    string? BirthPlace,
    DateOnly BirthDate,
    string? Gender,
    string Status,
    string? EmploymentType,
    string? Grade,
    string? EmployingAgency,
    PositionEntry? CurrentPosition,
    IReadOnlyList<PositionEntry> History,
    IReadOnlyList<SourceRecord> Sources,
    IReadOnlyList<ResultCandidate> Results,
    IReadOnlyDictionary<string, CurrentResult> Current,
    IReadOnlyList<ResultCandidate> OtherResults,
    CurrentResult? CurrentPotential,
    IReadOnlyList<ResultCandidate> Potentials,
    string? PotentialClass,
    string? PotentialBasis,
    JpmResult? Jpm,
    PositionLevel? PositionLevel,
    IReadOnlyList<YearPerformance> Performance,
    IReadOnlyList<YearPerformance> PerformanceBasis,
    PerformanceClass? PerformanceClass,
    bool Placeable,
    int? Box,
    IReadOnlyList<string> UnplacedReasons,
    IReadOnlyList<ProfileConflict> Conflicts,
    IReadOnlyList<string> PreviousNips,
    QualityFlags Flags);

/// <summary>
/// The canonical JSON of a profile: a fixed property order, every list sorted on content keys (ordinal), dates
/// <c>yyyy-MM-dd</c>, numbers invariant, no insignificant white space. No submission id, receipt time or timestamp.
/// </summary>
internal static class ContentWriter
{
    /// <summary>Compact; only what JSON requires is escaped (non-ASCII letters stay readable), the same for every build.</summary>
    private static readonly JsonWriterOptions Options = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(ProfileContent content) => Serialize(writer => WriteContent(writer, content));

    /// <summary>
    /// Provenance as stored: the profile's sources once, in order of first use, and per field the index of its source
    /// with its rule (and a steward's decision); <see cref="ProvenanceDocument.Expand"/> writes the per-field form
    /// that clients read. A profile's few sources are no longer repeated for each of its dozens of fields.
    /// </summary>
    public static string WriteProvenance(SortedDictionary<string, ProvenanceEntry> provenance) => Serialize(writer =>
    {
        var sources = new List<Observation>();
        var indexes = new Dictionary<Observation, int>(ReferenceEqualityComparer.Instance);
        foreach (var entry in provenance.Values)
        {
            if (entry.Source is { } source && indexes.TryAdd(source.Observation, sources.Count))
            {
                sources.Add(source.Observation);
            }
        }

        writer.WriteStartObject();
        writer.WriteStartArray(ProvenanceDocument.Sources);
        foreach (var source in sources)
        {
            writer.WriteStartObject();
            writer.WriteString("agencyCode", source.AgencyCode);
            writer.WriteString("submissionId", source.SubmissionId.ToString("D", CultureInfo.InvariantCulture));
            writer.WriteNumber("recordIndex", source.RecordIndex);
            writer.WriteString("receivedAt", source.ReceivedAt.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject(ProvenanceDocument.Fields);
        foreach (var (field, entry) in provenance)
        {
            writer.WriteStartObject(field);
            if (entry.Source is { } source)
            {
                writer.WriteNumber(ProvenanceDocument.Source, indexes[source.Observation]);
            }

            writer.WriteString("rule", entry.Rule);
            if (entry.Decision is { } decision)
            {
                writer.WriteStartObject("steward");
                writer.WriteString("decisionId", decision.DecisionId.ToString("D", CultureInfo.InvariantCulture));
                writer.WriteString("decidedBy", decision.DecidedBy);
                writer.WriteString("decidedAt", decision.DecidedAt.ToString("O", CultureInfo.InvariantCulture));
                writer.WriteString("reason", decision.Reason);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    /// <summary>
    /// Each thread writes into its own reused buffer: profiles are built by the thousand, and a stream grown by
    /// doubling for every one of them was most of the cost of building them.
    /// </summary>
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    private const int KeptBufferBytes = 1024 * 1024;

    private static string Serialize(Action<Utf8JsonWriter> write)
    {
        var buffer = _buffer ?? new ArrayBufferWriter<byte>(16 * 1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        _buffer = buffer.Capacity <= KeptBufferBytes ? buffer : null;
        return json;
    }

    private static void WriteContent(Utf8JsonWriter w, ProfileContent c)
    {
        w.WriteStartObject();
        w.WriteString("nip", c.Nip);

        w.WriteStartObject("identity");
        w.WriteString("name", c.Name);
        Text(w, "nik", c.Nik);
        Text(w, "birthPlace", c.BirthPlace);
        w.WriteString("birthDate", Date(c.BirthDate));
        Text(w, "gender", c.Gender);
        w.WriteEndObject();

        w.WriteString("status", c.Status);
        Text(w, "employmentType", c.EmploymentType);
        Text(w, "grade", c.Grade);
        Text(w, "employingAgency", c.EmployingAgency);

        w.WritePropertyName("currentPosition");
        if (c.CurrentPosition is { } position)
        {
            WritePosition(w, position);
        }
        else
        {
            w.WriteNullValue();
        }

        w.WriteStartArray("positionHistory");
        foreach (var entry in c.History)
        {
            WritePosition(w, entry);
        }

        w.WriteEndArray();

        w.WriteStartArray("reportedBy");
        foreach (var source in c.Sources)
        {
            w.WriteStartObject();
            w.WriteString("agencyCode", source.Agency);
            Text(w, "status", source.Status);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        WriteAssessments(w, c);
        WriteCompetencies(w, c);
        WritePotential(w, c);
        WriteJpm(w, c);
        WritePerformance(w, c);

        w.WriteStartObject("nineBox");
        w.WriteBoolean("placeable", c.Placeable);
        Number(w, "box", c.Box);
        w.WriteStartArray("unplacedReasons");
        foreach (var reason in c.UnplacedReasons)
        {
            w.WriteStringValue(reason);
        }

        w.WriteEndArray();
        w.WriteEndObject();

        w.WriteStartArray("conflicts");
        foreach (var conflict in c.Conflicts)
        {
            w.WriteStartObject();
            w.WriteString("kind", conflict.Kind);
            Text(w, "field", conflict.Field);
            Number(w, "year", conflict.Year);
            w.WriteStartArray("candidates");
            foreach (var candidate in conflict.Candidates)
            {
                w.WriteStartObject();
                w.WriteString("agencyCode", candidate.AgencyCode);
                w.WriteString("value", candidate.Value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("previousNips");
        foreach (var previous in c.PreviousNips)
        {
            w.WriteStringValue(previous);
        }

        w.WriteEndArray();

        w.WriteStartObject("dataQuality");
        w.WriteBoolean("incomplete", c.Flags.Incomplete);
        w.WriteBoolean("insufficient", c.Flags.Insufficient);
        w.WriteBoolean("stale", c.Flags.Stale);
        w.WriteBoolean("hasOpenConflicts", c.Flags.HasOpenConflicts);
        w.WriteBoolean("noPerformance", c.Flags.NoPerformance);
        w.WriteEndObject();

        w.WriteEndObject();
    }

    private static void WritePosition(Utf8JsonWriter w, PositionEntry entry)
    {
        w.WriteStartObject();
        w.WriteString("agencyCode", entry.AgencyCode);
        Text(w, "title", entry.Title);
        Text(w, "level", entry.Level);
        Text(w, "unit", entry.Unit);
        Text(w, "jobFamily", entry.JobFamily);
        Text(w, "province", entry.Province);
        w.WriteString("from", Date(entry.From));
        Text(w, "to", entry.To is { } to ? Date(to) : null);
        w.WriteBoolean("current", entry.Current);
        w.WriteEndObject();
    }

    private static void WriteAssessments(Utf8JsonWriter w, ProfileContent c)
    {
        // The union over agencies, deduplicated by (agency, assessment id); newest first, then agency and id.
        var assessments = new SortedDictionary<(string Agency, string Id), (SourceRecord Source, AssessmentEntry Entry)>(
            Comparer<(string Agency, string Id)>.Create((a, b) =>
            {
                var byAgency = string.CompareOrdinal(a.Agency, b.Agency);
                return byAgency != 0 ? byAgency : string.CompareOrdinal(a.Id, b.Id);
            }));
        foreach (var source in c.Sources)
        {
            foreach (var entry in source.Assessments)
            {
                assessments.TryAdd((source.Agency, entry.Id), (source, entry));
            }
        }

        var ordered = assessments.ToList();
        ordered.Sort((a, b) =>
        {
            var byDate = Nullable.Compare(b.Value.Entry.AssessedAt, a.Value.Entry.AssessedAt);
            return byDate != 0 ? byDate : assessments.Comparer.Compare(a.Key, b.Key);
        });

        w.WriteStartArray("assessments");
        foreach (var ((agency, id), (_, entry)) in ordered)
        {
            w.WriteStartObject();
            w.WriteString("agencyCode", agency);
            w.WriteString("id", id);
            Text(w, "method", entry.Method);
            Text(w, "scale", entry.Scale);
            Text(w, "assessedAt", entry.AssessedAt is { } at ? Date(at) : null);
            Text(w, "assessor", entry.Assessor);
            var results = c.Results.Where(r => Same(r, agency, id)).ToList();
            results.Sort(Selection.ForDisplay);
            var potential = c.Potentials.Where(p => Same(p, agency, id)).ToList();
            potential.Sort(Selection.ForDisplay);
            var sample = results.Count > 0 ? results[0] : potential.Count > 0 ? potential[0] : null;
            w.WriteBoolean("usedForTalentDecisions", sample?.ForDecisions ?? false);
            w.WriteBoolean("stale", sample?.Stale ?? false);
            w.WriteStartArray("results");
            foreach (var result in results)
            {
                w.WriteStartObject();
                w.WriteString("competency", result.Code);
                w.WriteNumber("score", result.Score);
                w.WriteNumber("level", result.Level);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WritePropertyName("potential");
            if (potential.Count > 0)
            {
                w.WriteStartObject();
                w.WriteNumber("score", potential[0].Score);
                w.WriteNumber("level", potential[0].Level);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNullValue();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static bool Same(ResultCandidate result, string agency, string id) =>
        string.Equals(result.Source.Agency, agency, StringComparison.Ordinal) && string.Equals(result.AssessmentId, id, StringComparison.Ordinal);

    private static void WriteCompetencies(Utf8JsonWriter w, ProfileContent c)
    {
        w.WriteStartArray("competencies");
        foreach (var (code, current) in c.Current.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("code", code);
            WriteResult(w, current.Result);
            w.WriteBoolean("stale", current.Stale);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("otherResults");
        foreach (var result in c.OtherResults)
        {
            w.WriteStartObject();
            w.WriteString("code", result.Code);
            WriteResult(w, result);
            w.WriteBoolean("stale", result.Stale);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteResult(Utf8JsonWriter w, ResultCandidate result)
    {
        w.WriteNumber("level", result.Level);
        w.WriteNumber("score", result.Score);
        w.WriteString("method", result.Method);
        w.WriteString("assessedAt", Date(result.AssessedAt));
        w.WriteString("assessmentId", result.AssessmentId);
        w.WriteString("agencyCode", result.Source.Agency);
    }

    private static void WritePotential(Utf8JsonWriter w, ProfileContent c)
    {
        w.WriteStartObject("potential");
        Text(w, "class", c.PotentialClass);
        Text(w, "basis", c.PotentialBasis);
        w.WritePropertyName("explicit");
        if (c.CurrentPotential is { } current)
        {
            w.WriteStartObject();
            WriteResult(w, current.Result);
            w.WriteBoolean("stale", current.Stale);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }

        w.WriteEndObject();
    }

    private static void WriteJpm(Utf8JsonWriter w, ProfileContent c)
    {
        w.WritePropertyName("jpm");
        if (c.Jpm is not { } jpm || c.PositionLevel is not { } level)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WriteString("positionLevel", UpperSnakeCase.Of(level));
        w.WriteNumber("value", jpm.Value);
        w.WriteString("category", UpperSnakeCase.Of(jpm.Category));
        w.WriteStartObject("gaps");
        foreach (var (code, gap) in jpm.Gaps.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(code, gap);
        }

        w.WriteEndObject();
        w.WriteNumber("gapCount", jpm.GapCount);
        w.WriteBoolean("incomplete", jpm.Incomplete);
        w.WriteBoolean("insufficient", jpm.Insufficient);
        w.WriteEndObject();
    }

    private static void WritePerformance(Utf8JsonWriter w, ProfileContent c)
    {
        w.WriteStartObject("performance");
        w.WriteStartArray("years");
        foreach (var year in c.Performance)
        {
            w.WriteStartObject();
            w.WriteNumber("year", year.Year);
            w.WriteString("predikat", UpperSnakeCase.Of(year.Predikat));
            w.WriteString("class", UpperSnakeCase.Of(Skp.ClassOf(year.Predikat)));
            w.WriteString("agencyCode", year.AgencyCode);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("basedOnYears");
        foreach (var year in c.PerformanceBasis)
        {
            w.WriteNumberValue(year.Year);
        }

        w.WriteEndArray();
        Text(w, "class", c.PerformanceClass is { } performanceClass ? UpperSnakeCase.Of(performanceClass) : null);
        w.WriteEndObject();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void Number(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } number)
        {
            w.WriteNumber(name, number);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
