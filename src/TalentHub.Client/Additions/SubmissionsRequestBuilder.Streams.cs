using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using TalentHub.Client.Models;

namespace TalentHub.Client.Api.V1.Submissions;

/// <summary>
/// Submitting records as a stream. The document offers three bodies for <c>POST /api/v1/submissions</c> (a JSON array,
/// <c>application/x-ndjson</c> and <c>text/csv</c>); Kiota generates one request body per operation, the JSON one
/// (<see cref="PostAsync"/> with an untyped node, held whole in memory). An HR system's export is a file: this posts it
/// as NDJSON or CSV straight from a stream (gzip it and pass <c>Content-Encoding: gzip</c> in the headers if it is large).
/// </summary>
public partial class SubmissionsRequestBuilder
{
    public const string Ndjson = "application/x-ndjson";
    public const string Csv = "text/csv";

    /// <summary>Posts the records in <paramref name="body"/> (NDJSON or CSV); answers the submission's status (RECEIVED).</summary>
    /// <param name="body">The records as the agency's system wrote them.</param>
    /// <param name="contentType"><see cref="Ndjson"/> or <see cref="Csv"/>.</param>
    /// <param name="idempotencyKey">Required by the API: a retry with the same key and body returns the original answer.</param>
    /// <param name="requestConfiguration">Further headers and options.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<SubmissionResponse?> PostStreamAsync(
        Stream body,
        string contentType,
        string idempotencyKey,
        Action<RequestConfiguration<DefaultQueryParameters>>? requestConfiguration = default,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var requestInfo = new RequestInformation(Method.POST, UrlTemplate, PathParameters);
        requestInfo.Configure(requestConfiguration);
        requestInfo.Headers.TryAdd("Accept", "application/json");
        requestInfo.Headers.TryAdd("Idempotency-Key", idempotencyKey);
        requestInfo.SetStreamContent(body, contentType);
        var errorMapping = new Dictionary<string, ParsableFactory<IParsable>>
        {
            { "4XX", ProblemDetails.CreateFromDiscriminatorValue },
        };
        return await RequestAdapter.SendAsync(requestInfo, SubmissionResponse.CreateFromDiscriminatorValue, errorMapping, cancellationToken).ConfigureAwait(false);
    }
}
