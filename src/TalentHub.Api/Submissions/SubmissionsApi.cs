using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using RequestSizeLimitAttribute = Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute;
using FromHeaderAttribute = Microsoft.AspNetCore.Mvc.FromHeaderAttribute;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using TalentHub.Api.Auth;
using TalentHub.Api.Hosting;
using TalentHub.Api.Http;
using TalentHub.Api.Privacy;
using TalentHub.Domain.Access;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Ingestion;
using TalentHub.Infrastructure.Resilience;
using TalentHub.Infrastructure.Telemetry;

namespace TalentHub.Api.Submissions;

public static class SubmissionsApi
{
    public const long MaxBodyBytes = 200L * 1024 * 1024;
    private const string ListName = "submissions";
    private const string ErrorListName = "submission-errors";

    public static IEndpointRouteBuilder MapSubmissionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/submissions").WithTags("Submissions").RequireScope(Scopes.SubmissionsWrite);

        api.MapPost("/", Submit)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithName("Submit")
            .WithSummary("Push talent records: a JSON array, NDJSON or CSV body, optionally gzip; requires Idempotency-Key")
            .WithDescription($"The body is streamed into staging and answered 202 with the submission's status; processing continues in the background. Limits: 200 MB as sent, 2 GB decompressed (and at most {VerifiedGzipStream.MaxInflation} times the size sent: more is refused as a decompression bomb), 1,000,000 records, 1 MB per record. A gzip body must be one whole gzip stream, ending with its CRC-32 and length.")
            .Accepts<JsonElement>("application/json", "application/x-ndjson", "text/csv")
            .Produces<SubmissionResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/", ListSubmissions).WithName("ListSubmissions").WithSummary("The agency's submissions, newest first (keyset-paged)");
        api.MapGet("/{id:guid}", GetSubmission).WithName("GetSubmission").WithSummary("A submission's status, counts and progress");
        api.MapGet("/{id:guid}/errors", ListErrors)
            .WithName("ListSubmissionErrors")
            .WithSummary("The record errors of a submission (keyset-paged), or all of them with ?format=csv")
            .ProducesAlternative(StatusCodes.Status200OK, "text/csv", binary: false, "With ?format=csv: every error of the submission as a CSV attachment.");
        api.MapGet("/{id:guid}/records/{recordIndex:int}", GetRecord).WithName("GetSubmittedRecord").WithSummary("One record as received, its state and its errors");
        return app;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult, ValidationProblem>> Submit(
        HttpContext http,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        SubmissionIntake intake,
        IBackgroundJobClient jobs,
        DatabaseRetry retry,
        ILogger<SubmissionIntake> logger,
        IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        if (http.User.AgencyCode() is not { } agencyCode)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Submissions are sent by agency clients: the records belong to the token's agency.");
        }

        if (!IsValidIdempotencyKey(idempotencyKey))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["Idempotency-Key"] = ["The Idempotency-Key header is required: 1–255 visible ASCII characters."] });
        }

        if (ParseContentType(http.Request) is not { } format)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                detail: "Send application/json (an array of records), application/x-ndjson or text/csv, in UTF-8.");
        }

        var encoding = http.Request.Headers.ContentEncoding.ToString();
        if (encoding is not ("" or "identity" or "gzip"))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, detail: "Content-Encoding may be gzip or identity.");
        }

        var request = new IntakeRequest(agencyCode, http.User.ClientId(), idempotencyKey!, format.Format, format.MediaType, encoding == "gzip", http.Request.Body);
        // The response is rendered from the new submission just before it commits: that is where its count is known.
        var received = 0;
        var outcome = await intake.ReceiveAsync(
            request,
            s =>
            {
                received = s.Received;
                return JsonSerializer.Serialize(SubmissionResponse.From(s), json.Value.SerializerOptions);
            },
            cancellationToken);
        switch (outcome)
        {
            case IntakeOutcome.Staged staged:
                if (!staged.Replayed)
                {
                    TalentHubMetrics.RecordsReceived.Add(received, new KeyValuePair<string, object?>(TalentHubMetrics.AgencyTag, agencyCode));
                    await EnqueueProcessingAsync(jobs, retry, logger, staged.SubmissionId, cancellationToken);
                }

                http.Response.Headers.Location = $"/api/v1/submissions/{staged.SubmissionId}";
                return TypedResults.Content(staged.Response, "application/json; charset=utf-8", Encoding.UTF8, StatusCodes.Status202Accepted);
            case IntakeOutcome.InFlight:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: "A request with this Idempotency-Key is still being received; retry when it has finished.");
            case IntakeOutcome.KeyReused:
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, detail: "This Idempotency-Key was used for a different body; use a new key for a new submission.");
            case IntakeOutcome.Refused refused:
                return TypedResults.Problem(statusCode: refused.Status, detail: refused.Detail);
            default:
                throw new InvalidOperationException($"Unexpected intake outcome {outcome}.");
        }
    }

    public static async Task<Results<Ok<Page<SubmissionResponse>>, ValidationProblem>> ListSubmissions(
        ClaimsPrincipal user, TalentHubDbContext db, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryParse(ListName, limit, cursor, out var page, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = Visible(db.Submissions.AsNoTracking(), user);
        if (page.After is [var afterReceivedAt, var afterId])
        {
            if (!DateTimeOffset.TryParse(afterReceivedAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var receivedAt) || !Guid.TryParse(afterId, out var id))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["The cursor is not one this list issued."] });
            }

            query = query.Where(s => s.ReceivedAt < receivedAt || (s.ReceivedAt == receivedAt && s.Id.CompareTo(id) < 0));
        }

        var rows = await query.OrderByDescending(s => s.ReceivedAt).ThenByDescending(s => s.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, ListName, s => [s.ReceivedAt.ToString("O", CultureInfo.InvariantCulture), s.Id.ToString()], SubmissionResponse.From));
    }

    public static async Task<Results<ETagged<SubmissionResponse>, NotFound>> GetSubmission(
        Guid id, ClaimsPrincipal user, TalentHubDbContext db, CancellationToken cancellationToken)
    {
        var submission = await Visible(db.Submissions.AsNoTracking(), user).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return submission is null ? TypedResults.NotFound() : ETags.Ok(SubmissionResponse.From(submission));
    }

    public static async Task<Results<Ok<Page<RecordErrorResponse>>, EmptyHttpResult, NotFound, ValidationProblem>> ListErrors(
        Guid id, ClaimsPrincipal user, TalentHubDbContext db, HttpContext http, string? format, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (!await Visible(db.Submissions.AsNoTracking(), user).AnyAsync(s => s.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var errors = db.RecordErrors.AsNoTracking().Where(e => e.SubmissionId == id);
        if (format == "csv")
        {
            await ErrorsCsv.WriteAsync(http, id, errors.OrderBy(e => e.RecordIndex).ThenBy(e => e.Seq).AsAsyncEnumerable(), cancellationToken);
            return TypedResults.Empty;
        }

        if (format is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["format may only be csv."] });
        }

        if (!PageRequest.TryParse(ErrorListName, limit, cursor, out var page, out var problems))
        {
            return TypedResults.ValidationProblem(problems);
        }

        if (page.After is [var afterIndex, var afterSeq])
        {
            var recordIndex = int.Parse(afterIndex, CultureInfo.InvariantCulture);
            var seq = int.Parse(afterSeq, CultureInfo.InvariantCulture);
            errors = errors.Where(e => e.RecordIndex > recordIndex || (e.RecordIndex == recordIndex && e.Seq > seq));
        }

        var rows = await errors.OrderBy(e => e.RecordIndex).ThenBy(e => e.Seq).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(
            rows,
            ErrorListName,
            e => [e.RecordIndex.ToString(CultureInfo.InvariantCulture), e.Seq.ToString(CultureInfo.InvariantCulture)],
            ToResponse));
    }

    // One record as received. The raw record holds the person's NIK and birth place: without pii they are masked inside
    // it (PersonalDataMasking.RawRecord, which also withholds a raw text that did not parse: it could hold them anywhere);
    // with pii the read is written to the access log with the record's NIP. (A comment, not XML documentation: that
    // would replace the endpoint's summary in the OpenAPI document.)
    public static async Task<Results<ETagged<StagedRecordResponse>, NotFound>> GetRecord(
        Guid id, int recordIndex, HttpContext http, TalentHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await Visible(db.Submissions.AsNoTracking(), http.User).AnyAsync(s => s.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var record = await db.StagedRecords.AsNoTracking().SingleOrDefaultAsync(r => r.SubmissionId == id && r.RecordIndex == recordIndex, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        var state = await db.RecordStates.AsNoTracking()
            .Where(s => s.SubmissionId == id && s.RecordIndex == recordIndex)
            .Select(s => (RecordState?)s.State)
            .SingleOrDefaultAsync(cancellationToken) ?? RecordState.Received;
        var errors = await db.RecordErrors.AsNoTracking()
            .Where(e => e.SubmissionId == id && e.RecordIndex == recordIndex)
            .OrderBy(e => e.Seq)
            .ToListAsync(cancellationToken);
        var raw = RawAsJson(record.Raw);
        var unmasked = http.User.HasScope(Scopes.Pii);
        if (unmasked)
        {
            await PiiAccessLog.WriteAsync(db, http, clock, record.Nip is { } nip ? [nip] : [], cancellationToken);
        }
        else if (raw is { } shown)
        {
            raw = PersonalDataMasking.RawRecord(shown);
        }

        return ETags.Ok(new StagedRecordResponse(
            record.RecordIndex, record.Line, state, record.Nip, raw, record.RawPurgedAt is not null, errors.Select(ToResponse).ToList()));
    }

    /// <summary>
    /// The records are already committed: a job storage hiccup must not turn that into an error for the agency. The
    /// enqueue is retried, and if it still fails the sweeper job enqueues the stranded submission within minutes.
    /// </summary>
    private static async Task EnqueueProcessingAsync(IBackgroundJobClient jobs, DatabaseRetry retry, ILogger logger, Guid submissionId, CancellationToken cancellationToken)
    {
        try
        {
            await retry.ExecuteAsync(
                _ => ValueTask.FromResult(jobs.Enqueue<SubmissionProcessor>(processor => processor.ProcessAsync(submissionId, CancellationToken.None))),
                cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Submission {SubmissionId} is staged but its job could not be enqueued; the sweeper will enqueue it", submissionId);
        }
    }

    /// <summary>An agency client sees only its own submissions (the owner is in the predicate); a BKN client sees all.</summary>
    private static IQueryable<Submission> Visible(IQueryable<Submission> submissions, ClaimsPrincipal user) =>
        user.AgencyCode() is { } agency ? submissions.Where(s => s.AgencyCode == agency) : submissions;

    private static RecordErrorResponse ToResponse(StagedRecordError e) => new(e.RecordIndex, e.Line, e.Nip, e.Pointer, e.Code, e.Message);

    /// <summary>The raw record as JSON when it parses (always for CSV rows), else as a JSON string of what arrived.</summary>
    private static JsonElement? RawAsJson(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        // TryParseValue throws on malformed JSON (e.g. a truncated NDJSON line) rather than returning false.
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(raw), new JsonReaderOptions { MaxDepth = 64 });
            if (JsonElement.TryParseValue(ref reader, out var element) && reader.BytesConsumed == Encoding.UTF8.GetByteCount(raw))
            {
                return element;
            }
        }
        catch (JsonException)
        {
            // Not JSON: shown as the text that arrived, below.
        }

        return JsonSerializer.SerializeToElement(raw);
    }

    internal static bool IsValidIdempotencyKey(string? key) =>
        key is { Length: >= 1 and <= 255 } && key.All(c => c is > ' ' and <= '~');

    private sealed record ContentFormat(SubmissionFormat Format, string MediaType);

    private static ContentFormat? ParseContentType(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            return null;
        }

        if (contentType.Charset.HasValue && !contentType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var mediaType = contentType.MediaType.ToString().ToLowerInvariant();
        SubmissionFormat? format = mediaType switch
        {
            "application/json" => SubmissionFormat.JsonArray,
            "application/x-ndjson" or "application/ndjson" => SubmissionFormat.Ndjson,
            "text/csv" => SubmissionFormat.Csv,
            _ => null,
        };
        return format is { } f ? new ContentFormat(f, mediaType) : null;
    }
}
