using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using TalentHub.Client.Models;

namespace TalentHub.Client.Api.V1.Exports.Item.FileNamespace;

/// <summary>
/// The export's gzip file as a stream. Kiota types a response body as a stream only for some media types: for the
/// document's <c>200 application/gzip</c> (a binary string) it generates a <see cref="GetAsync"/> that answers nothing.
/// This sends the same request and hands back the body (the caller disposes it); a Range header in the request
/// configuration resumes a download.
/// </summary>
public partial class FileRequestBuilder
{
    /// <summary>Downloads the export's file; a 4xx or 5xx is thrown as <see cref="ProblemDetails"/>.</summary>
    /// <param name="requestConfiguration">Headers (e.g. Range, If-None-Match) and options.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<Stream?> GetStreamAsync(Action<RequestConfiguration<DefaultQueryParameters>>? requestConfiguration = default, CancellationToken cancellationToken = default)
    {
        var requestInfo = new RequestInformation(Method.GET, UrlTemplate, PathParameters);
        requestInfo.Configure(requestConfiguration);
        requestInfo.Headers.TryAdd("Accept", "application/gzip");
        var errorMapping = new Dictionary<string, ParsableFactory<IParsable>>
        {
            { "4XX", ProblemDetails.CreateFromDiscriminatorValue },
            { "5XX", ProblemDetails.CreateFromDiscriminatorValue },
        };
        return await RequestAdapter.SendPrimitiveAsync<Stream>(requestInfo, errorMapping, cancellationToken).ConfigureAwait(false);
    }
}
